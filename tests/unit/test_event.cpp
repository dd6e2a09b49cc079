#include <catch2/catch.hpp>

#include "convene/domain/event.hpp"
#include "convene/domain/time.hpp"
#include "convene/domain/uid.hpp"
#include "convene/error.hpp"

using namespace convene;
using namespace convene::domain;

TEST_CASE("slugs come from titles with accents folded", "[event]") {
    CHECK(slugify("Séance d'information sur l'IMRF") == "seance-d-information-sur-l-imrf");
    CHECK(slugify("  Œuvres & Cœurs — 2022!  ") == "oeuvres-coeurs-2022");
    CHECK(slugify("東京") == "event");
    CHECK(slugify(std::string(100, 'a')).size() == 40);
}

TEST_CASE("long titles give slugs of at most 40 characters, cut between words", "[event]") {
    const auto slug = slugify(
        "Séance d'information sur la route vers le forum d'examen des "
        "migrations internationales");
    CHECK(slug == "seance-d-information-sur-la-route-vers");
    CHECK(slug.size() <= 40);
    CHECK(slugify("Forty characters exactly in this title x") ==
          "forty-characters-exactly-in-this-title-x");
}

TEST_CASE("slug validity", "[event]") {
    CHECK(is_valid_slug("imrf-briefing"));
    CHECK(is_valid_slug("2022-briefing"));
    CHECK_FALSE(is_valid_slug("2022"));  // would be read as an id
    CHECK_FALSE(is_valid_slug("Briefing"));
    CHECK_FALSE(is_valid_slug("-x"));
    CHECK_FALSE(is_valid_slug(""));
    CHECK_FALSE(is_valid_slug("séance"));
}

TEST_CASE("only time, place, title and status changes reach calendars", "[event]") {
    Event before;
    before.title = "Briefing";
    before.start = *parse_instant("2022-04-13T13:00Z", known_zone("UTC"));
    before.end = before.start + std::chrono::hours{1};
    auto after = before;
    after.description = "new text";
    after.registration_url = "https://example.org/r";
    after.capacity = 10;
    after.track = "Migration";  // schedules show it; calendars do not
    after.session_type = "workshop";
    CHECK_FALSE(changes_calendar(before, after));
    for (auto change : {+[](Event& e) { e.title = "Other"; },
                        +[](Event& e) { e.end += std::chrono::minutes{30}; },
                        +[](Event& e) { e.venue = "Room 1"; },
                        +[](Event& e) { e.room = "Salle A"; },  // in LOCATION
                        +[](Event& e) { e.join_url = "https://meet.example.org/private"; },
                        +[](Event& e) { e.online_url = "https://meet.example.org"; },
                        +[](Event& e) { e.status = EventStatus::cancelled; }}) {
        auto changed = before;
        change(changed);
        CHECK(changes_calendar(before, changed));
    }
}

TEST_CASE("event validation", "[event]") {
    Event e;
    e.title = "Briefing";
    e.slug = "briefing";
    e.start = *parse_instant("2022-04-13T13:00Z", known_zone("UTC"));
    e.end = e.start;
    CHECK(validate(e)->field == "end");
    e.end = e.start + std::chrono::hours{1};
    CHECK_FALSE(validate(e));
    e.all_day = true;
    e.start_date = *parse_date("2022-04-13");
    e.end_date = *parse_date("2022-04-11");
    CHECK(validate(e)->field == "end-date");
}

TEST_CASE("event status names", "[event]") {
    CHECK(*parse_event_status("tentative") == EventStatus::tentative);
    CHECK(to_string(EventStatus::cancelled) == "cancelled");
    CHECK(parse_event_status("maybe").problem().message == "unknown event status 'maybe'");
}

TEST_CASE("uids are unique and well formed", "[event]") {
    const auto a = generate_uid();
    const auto b = generate_uid();
    CHECK(a != b);
    CHECK(a.size() == 36 + 8);
    CHECK(a.ends_with("@convene"));
    CHECK(a[14] == '4');
}

TEST_CASE("the locales convene writes in", "[event]") {
    CHECK(supported_locales().front() == "en");
    CHECK(*parse_locale("fr") == "fr");
    CHECK(*parse_locale("EN") == "en");
    // The region is kept, in BCP 47's case: it decides what the language leaves open.
    CHECK(*parse_locale("es-MX") == "es-MX");
    CHECK(*parse_locale("en_gb") == "en-GB");
    CHECK(*parse_locale("en-Latn-GB") == "en-GB");
    CHECK(*parse_locale("es-419") == "es-419");
    CHECK(*parse_locale("fr-x-private") == "fr");
    const auto german = parse_locale("de");
    REQUIRE_FALSE(german.ok());
    CHECK(german.problem().field == "locale");
    CHECK(german.problem().message == "convene does not write in 'de'");
    CHECK(german.problem().hint == "use one of en, fr, es");
    CHECK_FALSE(parse_locale("").ok());
    Event event;
    event.title = "Briefing";
    event.slug = "briefing";
    event.start = *parse_instant("2022-04-13T13:00Z", known_zone("UTC"));
    event.end = event.start + std::chrono::hours{1};
    CHECK_FALSE(validate(event));
    event.locale = "en-GB";
    CHECK_FALSE(validate(event));
    event.locale = "en-gb";  // stored only as parse_locale writes it
    CHECK(validate(event));
    event.locale = "de";
    REQUIRE(validate(event));
    CHECK(validate(event)->field == "locale");
}
