#pragma once
// The languages of an event ("interpretation available in") as the flags, event files and
// imports give them, and as convene stores them: one canonical BCP 47 tag each.
//
//   auto tags = domain::parse_languages(domain::language_items("anglais, FR,es"));
//   // {"en", "fr", "es"}
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/problem.hpp"

namespace convene::domain {

// A language as people give it, a BCP 47 tag ICU knows in any case ("EN", "pt_br") or its name
// in English, French or Spanish ("anglais", "Français", "francés"), as its canonical tag ("en",
// "pt-BR", "fr"); else a problem (field "language") with the nearest names as its hint.
Checked<std::string> parse_language(std::string_view text);

// The one language-list rule of flags and event files: each item parsed, in order; an empty
// item and a language given twice, in whatever words ("en,EN", "fr,Français"), are problems
// (field "languages").
Checked<std::vector<std::string>> parse_languages(const std::vector<std::string>& items);

// "en, fr,,es" → {"en", " fr", "", "es"}: the items of a typed list, the empty ones kept for
// parse_languages to refuse; nothing for a blank list (no language at all).
std::vector<std::string> language_items(std::string_view list);

}  // namespace convene::domain
