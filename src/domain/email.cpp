#include "convene/domain/email.hpp"

#include <array>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>
#include <utf8proc.h>

namespace convene::domain {

namespace {

// RFC 5321 §4.5.3.1 size limits.
constexpr std::size_t k_max_local_part = 64;
constexpr std::size_t k_max_domain = 253;

// Characters that never appear in an address people type into a form, but often in text
// pasted from a mail client ("Ana <ana@example.org>", "a@x.org; b@y.org").
constexpr std::string_view k_forbidden = "<>()[],;:\\\"";

// What every byte of an address is, looked up once per byte: this runs for every imported row.
enum class ByteKind : unsigned char { allowed, blank_or_control, forbidden };

constexpr std::array<ByteKind, 256> k_byte_kinds = [] {
    std::array<ByteKind, 256> kinds{};
    for (unsigned c = 0; c <= 0x20; ++c) kinds[c] = ByteKind::blank_or_control;
    kinds[0x7f] = ByteKind::blank_or_control;
    for (const char c : k_forbidden) kinds[static_cast<unsigned char>(c)] = ByteKind::forbidden;
    return kinds;
}();

std::optional<std::string> domain_problem(std::string_view domain) {
    if (domain.empty()) return "nothing after the '@'";
    if (domain.size() > k_max_domain) return "the domain is too long";
    if (domain.find('.') == std::string_view::npos) {
        return fmt::format("the domain '{}' has no dot", domain);
    }
    std::size_t start = 0;
    while (true) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (label.empty()) return fmt::format("the domain '{}' has an empty label", domain);
        if (label.front() == '-' || label.back() == '-') {
            return fmt::format("the domain '{}' has a label that starts or ends with '-'", domain);
        }
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return std::nullopt;
}

}  // namespace

std::string email_key(std::string_view email) {
    // Most addresses are ASCII, where NFC changes nothing and case folding is lowercasing:
    // the same key without utf8proc's allocation and tables.
    std::string key(email);
    bool ascii = true;
    for (char& c : key) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (ascii) return key;
    utf8proc_uint8_t* folded = nullptr;
    const auto length = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(email.data()),
        static_cast<utf8proc_ssize_t>(email.size()), &folded,
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
    if (length < 0) {
        // Invalid UTF-8 is refused before a key is needed; fall back to the bytes themselves.
        return std::string(email);
    }
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
    return std::string(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length));
}

std::optional<std::string> email_problem(std::string_view email) {
    if (email.empty()) return "the email is empty";
    for (const char c : email) {
        switch (k_byte_kinds[static_cast<unsigned char>(c)]) {
            case ByteKind::allowed: break;
            case ByteKind::blank_or_control: return "it contains a blank or control character";
            case ByteKind::forbidden: return fmt::format("it contains '{}'", c);
        }
    }
    const auto at = email.find('@');
    if (at == std::string_view::npos) return "it has no '@'";
    if (email.find('@', at + 1) != std::string_view::npos) return "it has more than one '@'";
    const auto local = email.substr(0, at);
    if (local.empty()) return "nothing before the '@'";
    if (local.size() > k_max_local_part) return "the part before the '@' is too long";
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
        return "the part before the '@' has a misplaced dot";
    }
    return domain_problem(email.substr(at + 1));
}

}  // namespace convene::domain
