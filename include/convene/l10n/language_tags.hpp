#pragma once
// What people give for a language, made the one tag convene stores: a BCP 47 tag ICU knows, in
// any case ("EN" is "en", "pt_br" is "pt-BR"), or a language's name in English, French or
// Spanish, in any case and with or without accents ("anglais", "Français", "francés",
// "English", "espagnol"). Anything else is refused with the nearest names as a hint. For
// create-event --languages, register --language and the language columns of imports alike.
//
//   auto tags = l10n::resolve_languages("anglais, FR,es");  // {"en", "fr", "es"}
//   if (!tags) throw UsageError(tags.problem().message, tags.problem().hint);
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/problem.hpp"

namespace convene::l10n {

// The canonical tag of one language, or the problem (field "language") naming what is wrong
// and, as its hint, the nearest names and tags.
domain::Checked<std::string> resolve_language(std::string_view text);

// A comma-separated list, each item resolved; an empty item and a language given twice (in
// whatever words) are problems (field "languages"). A list with nothing in it is no language.
domain::Checked<std::vector<std::string>> resolve_languages(std::string_view list);

}  // namespace convene::l10n
