#include "convene/text/language_names.hpp"

#include <array>
#include <map>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "convene/text/utf8.hpp"

namespace convene::text {
namespace {

constexpr std::array<const char*, 3> k_display_locales{"en", "fr", "es"};

using DisplayFunction = int32_t (*)(const char*, const char*, UChar*, int32_t, UErrorCode*);

std::string utf8_of(const UChar* text, int32_t length) {
    std::string utf8(static_cast<std::size_t>(length) * 3 + 1, '\0');
    int32_t written = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &written, text, length, &status);
    if (U_FAILURE(status)) return {};
    utf8.resize(static_cast<std::size_t>(written));
    return utf8;
}

std::string display(DisplayFunction function, const std::string& locale, const char* in) {
    std::array<UChar, 128> buffer{};
    UErrorCode status = U_ZERO_ERROR;
    const auto length =
        function(locale.c_str(), in, buffer.data(), static_cast<int32_t>(buffer.size()), &status);
    // ICU falls back to the code itself for what it does not know: that is no name.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) return {};
    return utf8_of(buffer.data(), length);
}

}  // namespace

std::string language_name_in(std::string_view tag, const char* in) {
    std::string locale(tag.substr(0, tag.find_first_of("-_")));
    auto name = display(uloc_getDisplayLanguage, locale, in);
    // A code shown back is no name.
    return fold(name) == fold(locale) ? std::string() : name;
}

const std::vector<std::string>& folded_language_names(std::string_view tag) {
    // Asked once per row of an import: each tag's names are worked out once.
    static std::map<std::string, std::vector<std::string>, std::less<>> cache;
    if (const auto found = cache.find(tag); found != cache.end()) return found->second;
    std::string locale(tag);
    for (auto& c : locale) {
        if (c == '-') c = '_';
    }
    std::vector<std::string> names;
    for (const char* in : k_display_locales) {
        for (const auto function :
             {DisplayFunction{uloc_getDisplayLanguage}, DisplayFunction{uloc_getDisplayName}}) {
            auto name = fold(display(function, locale, in));
            // A code shown back (ICU knows no name) is no name either.
            if (!name.empty() && name != fold(tag) && name != fold(locale)) {
                names.push_back(std::move(name));
            }
        }
    }
    return cache.emplace(std::string(tag), std::move(names)).first->second;
}

}  // namespace convene::text
