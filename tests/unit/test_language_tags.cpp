#include <catch2/catch.hpp>

#include "convene/l10n/language_tags.hpp"

using convene::l10n::resolve_language;
using convene::l10n::resolve_languages;
using Tags = std::vector<std::string>;

namespace {

std::string tag_of(std::string_view text) {
    const auto tag = resolve_language(text);
    return tag ? *tag : "refused: " + tag.problem().message;
}

std::string problem_of(std::string_view list) {
    const auto tags = resolve_languages(list);
    REQUIRE_FALSE(tags.ok());
    CHECK(tags.problem().field == "languages");
    return tags.problem().message;
}

}  // namespace

TEST_CASE("tags ICU knows are stored in their canonical case", "[language_tags]") {
    CHECK(tag_of("en") == "en");
    CHECK(tag_of("EN") == "en");
    CHECK(tag_of(" fr ") == "fr");
    CHECK(tag_of("fr-ca") == "fr-CA");
    CHECK(tag_of("pt_br") == "pt-BR");
    CHECK(tag_of("zh-hant-tw") == "zh-Hant-TW");
    CHECK(tag_of("es-419") == "es-419");
}

TEST_CASE("names in English, French and Spanish, in any case and accents", "[language_tags]") {
    CHECK(tag_of("anglais") == "en");
    CHECK(tag_of("English") == "en");
    CHECK(tag_of("inglés") == "en");
    CHECK(tag_of("Français") == "fr");
    CHECK(tag_of("francais") == "fr");
    CHECK(tag_of("francés") == "fr");
    CHECK(tag_of("FRENCH") == "fr");
    CHECK(tag_of("espagnol") == "es");
    CHECK(tag_of("Español") == "es");
    CHECK(tag_of("allemand") == "de");
    CHECK(tag_of("Portuguese") == "pt");
}

TEST_CASE("anything else is refused with the nearest names", "[language_tags]") {
    for (const auto* text : {"xx", "en-XX", "fr-", "elvish", "", "en,fr", "français du Québec"}) {
        INFO(text);
        CHECK(tag_of(text).starts_with("refused: "));
    }
    const auto typo = resolve_language("Frnech");
    REQUIRE_FALSE(typo.ok());
    CHECK(typo.problem().field == "language");
    CHECK(typo.problem().message == "'Frnech' is neither a language tag nor a language's name");
    CHECK(typo.problem().hint.starts_with("did you mean 'French'?"));
    CHECK(typo.problem().hint.find("BCP 47") != std::string::npos);
    CHECK(resolve_language("anglai").problem().hint.find("'anglais'") != std::string::npos);
}

TEST_CASE("a list is resolved item by item", "[language_tags]") {
    CHECK(*resolve_languages("anglais,francais,espagnol") == Tags{"en", "fr", "es"});
    CHECK(*resolve_languages(" en , FR,es-419 ") == Tags{"en", "fr", "es-419"});
    CHECK(resolve_languages("")->empty());
    CHECK(resolve_languages("  ")->empty());
}

TEST_CASE("a list refuses empty items and a language given twice", "[language_tags]") {
    CHECK(problem_of("en,,fr") == "an item of the list is empty");
    CHECK(problem_of("en,fr,") == "an item of the list is empty");
    CHECK(problem_of("en,en,EN") == "'en' and 'en' are the same language (en)");
    CHECK(problem_of("fr,Français") == "'fr' and 'Français' are the same language (fr)");
    CHECK(problem_of("en,klingonish") ==
          "'klingonish' is neither a language tag nor a language's name");
}
