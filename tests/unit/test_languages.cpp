#include <catch2/catch.hpp>

#include "convene/domain/event_input.hpp"
#include "convene/domain/languages.hpp"
#include "convene/text/language_tags.hpp"

using convene::domain::language_items;
using convene::domain::parse_language;
using convene::domain::parse_languages;
using Tags = std::vector<std::string>;

namespace {

std::string tag_of(std::string_view text) {
    const auto tag = parse_language(text);
    return tag ? *tag : "refused: " + tag.problem().message;
}

convene::domain::Checked<Tags> parse_list(std::string_view list) {
    return parse_languages(language_items(list));
}

std::string problem_of(std::string_view list) {
    const auto tags = parse_list(list);
    REQUIRE_FALSE(tags.ok());
    CHECK(tags.problem().field == "languages");
    return tags.problem().message;
}

}  // namespace

TEST_CASE("tags ICU knows are stored in their canonical case", "[languages]") {
    CHECK(tag_of("en") == "en");
    CHECK(tag_of("EN") == "en");
    CHECK(tag_of(" fr ") == "fr");
    CHECK(tag_of("fr-ca") == "fr-CA");
    CHECK(tag_of("pt_br") == "pt-BR");
    CHECK(tag_of("zh-hant-tw") == "zh-Hant-TW");
    CHECK(tag_of("es-419") == "es-419");
}

TEST_CASE("names in English, French and Spanish, in any case and accents", "[languages]") {
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

TEST_CASE("anything else is refused with the nearest names", "[languages]") {
    for (const auto* text :
         {"xx", "en-XX", "fr-", "elvish", "", "en,fr", "français du Québec", "e_n", "f"}) {
        INFO(text);
        CHECK(tag_of(text).starts_with("refused: "));
    }
    const auto typo = parse_language("Frnech");
    REQUIRE_FALSE(typo.ok());
    CHECK(typo.problem().field == "language");
    CHECK(typo.problem().message == "'Frnech' is neither a language tag nor a language's name");
    CHECK(typo.problem().hint.starts_with("did you mean 'French'?"));
    CHECK(typo.problem().hint.find("BCP 47") != std::string::npos);
    CHECK(parse_language("anglai").problem().hint.find("'anglais'") != std::string::npos);
    CHECK(parse_language("klingonish").problem().hint.find("BCP 47") != std::string::npos);
}

TEST_CASE("a list is parsed item by item, in order", "[languages]") {
    CHECK(*parse_list("anglais,francais,espagnol") == Tags{"en", "fr", "es"});
    CHECK(*parse_list("anglais,Français,Alemán") == Tags{"en", "fr", "de"});
    CHECK(*parse_list(" en , FR,es-419 ") == Tags{"en", "fr", "es-419"});
    CHECK(parse_list("")->empty());
    CHECK(parse_list("  ")->empty());
    // An event file's array is a list already.
    CHECK(*parse_languages({"EN", "pt_br"}) == Tags{"en", "pt-BR"});
}

TEST_CASE("a list refuses empty items and a language given twice", "[languages]") {
    CHECK(problem_of("en,,fr") == "an item of the list is empty");
    CHECK(problem_of("en,fr,") == "an item of the list is empty");
    CHECK(problem_of(",en") == "an item of the list is empty");
    CHECK(problem_of("en,en,EN") == "'en' and 'en' are the same language (en)");
    CHECK(problem_of("fr,Français") == "'fr' and 'Français' are the same language (fr)");
    CHECK(problem_of("anglais,francés,francais") ==
          "'francés' and 'francais' are the same language (fr)");
    CHECK(problem_of("en,klingonish") ==
          "'klingonish' is neither a language tag nor a language's name");
    CHECK_FALSE(parse_languages({"en", " "}).ok());
}

TEST_CASE("language_items keeps what was typed, empty items too", "[languages]") {
    CHECK(language_items("en, fr,,es") == Tags{"en", " fr", "", "es"});
    CHECK(language_items("en") == Tags{"en"});
    CHECK(language_items(" ").empty());
}

TEST_CASE("text looks languages up without refusing anything", "[languages][text]") {
    using convene::text::canonical_language_tag;
    using convene::text::language_tag;
    CHECK(canonical_language_tag("PT_br") == "pt-BR");
    CHECK_FALSE(canonical_language_tag("anglais"));
    CHECK(language_tag(" anglais ") == "en");
    CHECK_FALSE(language_tag(""));
    CHECK(convene::text::nearest_languages("Englsh").find("'English'") != std::string::npos);
    CHECK(convene::text::nearest_languages("zzzzzzzzzz").empty());
}
