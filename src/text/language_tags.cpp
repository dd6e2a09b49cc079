// Languages by tag or by name, from ICU's locale data.
#include "convene/text/language_tags.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>

#include <unicode/uloc.h>

#include "convene/text/language_names.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/suggest.hpp"
#include "convene/text/utf8.hpp"

namespace convene::text {

namespace {

constexpr std::array<const char*, 3> k_name_languages{"en", "fr", "es"};

using Getter = int32_t (*)(const char*, char*, int32_t, UErrorCode*);

std::string part(Getter getter, const char* locale) {
    std::array<char, ULOC_FULLNAME_CAPACITY> buffer{};
    UErrorCode status = U_ZERO_ERROR;
    const auto length = getter(locale, buffer.data(), static_cast<int32_t>(buffer.size()), &status);
    return U_FAILURE(status) ? std::string() : std::string(buffer.data(), length);
}

// Whether ICU has an English name for a language, script or region code (it shows an unknown
// code back with a warning).
bool named(int32_t (*display)(const char*, const char*, UChar*, int32_t, UErrorCode*),
           const std::string& locale) {
    std::array<UChar, 128> buffer{};
    UErrorCode status = U_ZERO_ERROR;
    display(locale.c_str(), "en", buffer.data(), static_cast<int32_t>(buffer.size()), &status);
    return U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING;
}

// The canonical form of a well-formed tag whose language, script and region ICU knows.
std::optional<std::string> known_tag(std::string_view text) {
    std::string tag(text);
    std::replace(tag.begin(), tag.end(), '_', '-');
    std::array<char, ULOC_FULLNAME_CAPACITY> locale{};
    int32_t parsed = 0;
    UErrorCode status = U_ZERO_ERROR;
    uloc_forLanguageTag(tag.c_str(), locale.data(), static_cast<int32_t>(locale.size()), &parsed,
                        &status);
    if (U_FAILURE(status) || parsed != static_cast<int32_t>(tag.size())) return std::nullopt;
    const auto language = part(uloc_getLanguage, locale.data());
    const auto script = part(uloc_getScript, locale.data());
    const auto region = part(uloc_getCountry, locale.data());
    if (language.empty() || !named(uloc_getDisplayLanguage, language) ||
        (!script.empty() && !named(uloc_getDisplayScript, "und_" + script)) ||
        (!region.empty() && !named(uloc_getDisplayCountry, "und_" + region))) {
        return std::nullopt;
    }
    std::array<char, ULOC_FULLNAME_CAPACITY> canonical{};
    status = U_ZERO_ERROR;
    const auto length = uloc_toLanguageTag(locale.data(), canonical.data(),
                                           static_cast<int32_t>(canonical.size()), true, &status);
    if (U_FAILURE(status)) return std::nullopt;
    return std::string(canonical.data(), length);
}

struct Names {
    std::map<std::string, std::string, std::less<>> tag_of_folded;  // "francais" → "fr"
    std::vector<std::string> suggestions;                           // "French", "fr", …
};

// Every language ICU lists, named in English, French and Spanish. Two-letter codes first, so
// that a name shared with a three-letter code means the two-letter one.
const Names& names() {
    static const Names all = [] {
        Names names;
        for (const bool two_letters : {true, false}) {
            for (auto code = uloc_getISOLanguages(); *code; ++code) {
                if ((std::strlen(*code) == 2) != two_letters) continue;
                if (two_letters) names.suggestions.emplace_back(*code);
                for (const char* in : k_name_languages) {
                    auto name = language_name_in(*code, in);
                    if (name.empty()) continue;
                    names.tag_of_folded.emplace(fold(name), *code);
                    if (two_letters) names.suggestions.push_back(std::move(name));
                }
            }
        }
        return names;
    }();
    return all;
}

}  // namespace

std::optional<std::string> canonical_language_tag(std::string_view tag) { return known_tag(tag); }

std::optional<std::string> language_tag(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (auto tag = known_tag(text)) return tag;
    const auto& by_name = names().tag_of_folded;
    const auto found = by_name.find(fold(text));
    if (found == by_name.end()) return std::nullopt;
    // The name's code, made canonical as a tag given would be ("iw" is "he").
    return known_tag(found->second).value_or(found->second);
}

std::string nearest_languages(std::string_view text) {
    return did_you_mean(trim(text), names().suggestions);
}

}  // namespace convene::text
