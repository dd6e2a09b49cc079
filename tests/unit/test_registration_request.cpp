#include <catch2/catch.hpp>

#include "convene/domain/registration_request.hpp"

using namespace convene::domain;

namespace {

Event event_with_languages() {
    Event event;
    event.id = 7;
    event.slug = "briefing";
    event.languages = {"en", "fr", "pt-BR"};
    return event;
}

RegistrationRequest ana() {
    RegistrationRequest request;
    request.name = "  Ana Silva ";
    request.email = " Ana@Example.org\t";
    request.organisation = " CGLU ";
    return request;
}

}  // namespace

TEST_CASE("normalise trims values and accepts a plausible request", "[registration]") {
    auto request = ana();
    request.fields = {{" diet ", " vegetarian "}};
    CHECK_FALSE(normalise(request, event_with_languages()));
    CHECK(request.name == "Ana Silva");
    CHECK(request.email == "Ana@Example.org");
    CHECK(*request.organisation == "CGLU");
    CHECK(request.fields.front() == std::pair<std::string, std::string>{"diet", "vegetarian"});
}

TEST_CASE("normalise drops byte order marks around the email", "[registration]") {
    for (const auto* email : {"\xEF\xBB\xBF"
                              "ana@example.org",
                              " \xEF\xBB\xBF"
                              "ana@example.org",
                              "\xEF\xBB\xBF\xEF\xBB\xBF ana@example.org\xEF\xBB\xBF"}) {
        auto request = ana();
        request.email = email;
        CHECK_FALSE(normalise(request, event_with_languages()));
        CHECK(request.email == "ana@example.org");
    }
    auto inside = ana();
    inside.email = "ana\xEF\xBB\xBF@example.org";
    normalise(inside, event_with_languages());
    CHECK(inside.email == "ana\xEF\xBB\xBF@example.org");  // not trimmed away: seen as is
}

TEST_CASE("the language is one of the event's, in its spelling", "[registration]") {
    auto request = ana();
    request.language = "PT-br";
    CHECK_FALSE(normalise(request, event_with_languages()));
    CHECK(*request.language == "pt-BR");
    request.language = "de";
    CHECK(*normalise(request, event_with_languages()) ==
          "language 'de' is not one of the event's languages (en, fr, pt-BR)");
    Event no_languages;
    request.language = "de";
    CHECK_FALSE(normalise(request, no_languages));
}

TEST_CASE("a language may be named in English, French or Spanish", "[registration]") {
    const auto event = event_with_languages();
    for (const auto* name : {"French", "français", "FRANCAIS", "francés", "Portuguese",
                             "portugais (Brésil)", "portugués", "pt", "fr-FR", "English"}) {
        auto request = ana();
        request.language = name;
        INFO(name);
        CHECK_FALSE(normalise(request, event));
    }
    auto request = ana();
    request.language = "Français";
    normalise(request, event);
    CHECK(*request.language == "fr");
    request.language = "inglés";
    normalise(request, event);
    CHECK(*request.language == "en");
    request.language = "German";
    CHECK(*normalise(request, event) ==
          "language 'German' is not one of the event's languages (en, fr, pt-BR)");
    Event two_french;
    two_french.languages = {"fr-CA", "fr-FR"};
    request.language = "French";
    CHECK(*normalise(request, two_french) ==
          "language 'French' could be any of fr-CA, fr-FR: "
          "give the tag");
    request.language = "french (canada)";
    CHECK_FALSE(normalise(request, two_french));
    CHECK(*request.language == "fr-CA");
}

TEST_CASE("a language is matched by its canonical tag, typos get a suggestion", "[registration]") {
    RegistrationRequest request{.name = "Ana", .email = "ana@example.org"};
    for (const auto* given : {"anglais", "English", "EN", "en", "inglés"}) {
        INFO(given);
        request.language = given;
        CHECK_FALSE(normalise(request, event_with_languages()));
        CHECK(*request.language == "en");
    }
    request.language = "pt_br";
    CHECK_FALSE(normalise(request, event_with_languages()));
    CHECK(*request.language == "pt-BR");
    request.language = "Frnech";
    CHECK(*normalise(request, event_with_languages()) ==
          "language 'Frnech' is not one of the event's languages (en, fr, pt-BR): did you mean "
          "'French'?");
    request.language = "klingonish";
    CHECK(*normalise(request, event_with_languages()) ==
          "language 'klingonish' is not one of the event's languages (en, fr, pt-BR)");

    // Tags stored before they were canonical: the language they are is still matched.
    Event old;
    old.languages = {"EN", "francais", "espagnol"};
    for (const auto& [given, stored] : std::vector<std::pair<std::string, std::string>>{
             {"en", "EN"}, {"fr", "francais"}, {"Français", "francais"}, {"es", "espagnol"}}) {
        INFO(given);
        request.language = given;
        CHECK_FALSE(normalise(request, old));
        CHECK(*request.language == stored);
    }
    // One exactly, one by its language: the exact one is meant.
    Event regions;
    regions.languages = {"fr", "fr-CA"};
    request.language = "fr_ca";
    CHECK_FALSE(normalise(request, regions));
    CHECK(*request.language == "fr-CA");
}

TEST_CASE("a language alone is matched as a registration's is", "[registration]") {
    std::string language = " FRANÇAIS ";
    CHECK_FALSE(normalise_language(language, event_with_languages()));
    CHECK(language == "fr");
    language = "de";
    CHECK(*normalise_language(language, event_with_languages()) ==
          "language 'de' is not one of the event's languages (en, fr, pt-BR)");
    language = " de ";
    CHECK_FALSE(normalise_language(language, Event{}));  // an event without languages takes any
    CHECK(language == "de");
    language = "en\nfr";
    CHECK(normalise_language(language, Event{}));
}

TEST_CASE("normalise refuses control characters in every text", "[registration]") {
    auto request = ana();
    request.organisation = "Ville de Genève,\nservice 3";  // a department on its own line
    CHECK_FALSE(normalise(request, Event{}).has_value());
    request.organisation = "C\u009Cur d\u0092Arles";  // Windows-1252 read as Latin-1
    CHECK(*normalise(request, Event{}) ==
          "the organisation contains a control character (byte 2 is 0x9c)");
    request = ana();
    request.name = "Ana\x07";
    CHECK(normalise(request, Event{}));
    request = ana();
    request.fields = {{"note", "line one\nline two\tand a tab"}};
    CHECK_FALSE(normalise(request, Event{}));
    request.fields = {{"note", "escape \x1B[31m"}};
    CHECK(normalise(request, Event{}));
}

TEST_CASE("normalise names what is wrong", "[registration]") {
    auto request = ana();
    request.name = "  ";
    CHECK(*normalise(request, Event{}) == "the name is empty");
    request = ana();
    request.email = "ana";
    CHECK(*normalise(request, Event{}) == "'ana' is not an email address: it has no '@'");
    request = ana();
    request.fields = {{"email", "x"}};
    CHECK(*normalise(request, Event{}) == "'email' is a registration field, not a custom one");
    request.fields = {{"a", "1"}, {"a", "2"}};
    CHECK(*normalise(request, Event{}) == "field 'a' is given twice");
    request.fields = {{" ", "1"}};
    CHECK(*normalise(request, Event{}) == "a custom field has no name");
}

TEST_CASE("a new registration takes the request's values and time", "[registration]") {
    auto request = ana();
    REQUIRE_FALSE(normalise(request, Event{}));
    request.fields = {{"diet", "vegan"}, {"badge", ""}};
    const Instant now{std::chrono::seconds{1'700'000'000}};
    const auto registration = make_registration(request, 7, now);
    CHECK(registration.event_id == 7);
    CHECK(registration.registered_at == now);
    CHECK(registration.organisation == "CGLU");
    // An empty value is no field at all.
    CHECK(registration.fields ==
          std::vector<std::pair<std::string, std::string>>{{"diet", "vegan"}});
    request.registered_at = Instant{std::chrono::seconds{1'600'000'000}};
    CHECK(make_registration(request, 7, now).registered_at == *request.registered_at);
}

TEST_CASE("an update keeps what the request does not give", "[registration]") {
    Registration existing;
    existing.name = "Ana";
    existing.email = "ana@example.org";
    existing.organisation = "CGLU";
    existing.language = "fr";
    existing.fields = {{"diet", "vegan"}, {"badge", "A"}, {"room", "1"}};
    RegistrationRequest request;
    request.name = "Ana Silva";
    request.email = "ANA@example.org";
    request.fields = {{"badge", "B"}, {"room", ""}, {"tshirt", "M"}};
    CHECK(apply_update(existing, request));
    CHECK(existing.name == "Ana Silva");
    CHECK(existing.email == "ANA@example.org");
    CHECK(existing.organisation == "CGLU");
    CHECK(existing.language == "fr");
    CHECK(existing.fields == std::vector<std::pair<std::string, std::string>>{
                                 {"diet", "vegan"}, {"badge", "B"}, {"tshirt", "M"}});
    // The same request again changes nothing; each kind of change alone is one.
    CHECK_FALSE(apply_update(existing, request));
    for (auto change : {&RegistrationRequest::name, &RegistrationRequest::email}) {
        auto other = request;
        other.*change += "x";
        auto copy = existing;
        CHECK(apply_update(copy, other));
    }
    auto removes = request;
    removes.fields = {{"diet", ""}, {"never", ""}};
    auto copy = existing;
    CHECK(apply_update(copy, removes));
    CHECK_FALSE(apply_update(copy, removes));
    auto organisation = request;
    organisation.organisation = "UCLG";
    copy = existing;
    CHECK(apply_update(copy, organisation));
    CHECK_FALSE(apply_update(copy, organisation));
}
