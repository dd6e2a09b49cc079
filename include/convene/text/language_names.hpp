#pragma once
// What people write for a language instead of its tag: its name in English, French or Spanish
// ("French", "français", "francés"), from ICU's locale data rather than a table of our own.
#include <string>
#include <string_view>
#include <vector>

namespace convene::text {

// The names of the language of BCP 47 `tag` in English, French and Spanish, with and without
// its region ("French", "French (Canada)" for fr-CA), folded with text::fold. Empty for a tag
// ICU does not know.
const std::vector<std::string>& folded_language_names(std::string_view tag);

// The name of the language of `tag` (its language subtag alone) in the language `in` ("en",
// "fr", "es"), as ICU writes it: "French", "français", "francés". Empty when ICU has none.
std::string language_name_in(std::string_view tag, const char* in);

}  // namespace convene::text
