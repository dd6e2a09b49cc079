#pragma once
// What people give for a language, as the one tag convene stores: a BCP 47 tag ICU knows, in
// any case ("EN" is "en", "pt_br" is "pt-BR"), or a language's name in English, French or
// Spanish, in any case and with or without accents ("anglais", "Français", "francés",
// "English"). ICU says which tags exist and what each language is called, so that no table of
// ours goes stale. The rules that refuse (an empty item, a language twice) and their words are
// the domain's (domain::parse_languages); this only looks languages up.
#include <optional>
#include <string>
#include <string_view>

namespace convene::text {

// The canonical form of a well-formed tag whose language, script and region ICU knows, or
// nothing ("xx", "en-XX", "fr-", a name).
std::optional<std::string> canonical_language_tag(std::string_view tag);

// The canonical tag of a tag or of a language's name in English, French or Spanish (blanks
// around it ignored), or nothing.
std::optional<std::string> language_tag(std::string_view text);

// "did you mean 'French'?" for what is no language: the nearest names and two-letter tags
// ICU knows; "" when nothing is near.
std::string nearest_languages(std::string_view text);

}  // namespace convene::text
