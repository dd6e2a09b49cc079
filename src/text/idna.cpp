#include "convene/text/idna.hpp"

#include <unicode/uidna.h>

#include <memory>

namespace convene::text {

namespace {

bool is_ascii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

struct CloseIdna {
    void operator()(UIDNA* idna) const { uidna_close(idna); }
};

// One converter per process: opening it loads ICU's mapping data.
UIDNA* converter() {
    static const std::unique_ptr<UIDNA, CloseIdna> idna = [] {
        UErrorCode status = U_ZERO_ERROR;
        // Nontransitional: "ß" stays "ß" (as browsers and mail programs now do), not "ss".
        std::unique_ptr<UIDNA, CloseIdna> opened(uidna_openUTS46(
            UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ, &status));
        return U_SUCCESS(status) ? std::move(opened) : nullptr;
    }();
    return idna.get();
}

}  // namespace

std::optional<std::string> ascii_domain(std::string_view domain) {
    if (is_ascii(domain)) return std::string(domain);
    auto* idna = converter();
    if (!idna || domain.size() > 253 * 4) return std::nullopt;
    std::string ascii(256, '\0');
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    const int32_t length =
        uidna_nameToASCII_UTF8(idna, domain.data(), static_cast<int32_t>(domain.size()),
                               ascii.data(), static_cast<int32_t>(ascii.size()), &info, &status);
    if (U_FAILURE(status) || info.errors != 0 || length <= 0 ||
        length > static_cast<int32_t>(ascii.size())) {
        return std::nullopt;
    }
    ascii.resize(static_cast<std::size_t>(length));
    return ascii;
}

std::string ascii_domain_address(std::string_view address) {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos) return std::string(address);
    const auto domain = ascii_domain(address.substr(at + 1));
    if (!domain) return std::string(address);
    std::string result(address.substr(0, at + 1));
    result += *domain;
    return result;
}

}  // namespace convene::text
