#include <string>

#include <catch2/catch.hpp>

#include "convene/app/event_file.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/io/event_file.hpp"
#include "testing.hpp"

using convene::app::check_event_file;
using convene::io::parse_event_file;
using namespace convene::domain;

namespace {

// The file read and its values checked, as create-event --from does before the database.
convene::app::CheckedEventFile checked(const std::string& text, const std::string& zone = "UTC",
                                       const std::string& name = "event.toml") {
    const auto file = parse_event_file(text, name);
    return file.value(check_event_file(file, {zone, "en"}));
}

std::string bad_input(const std::string& text) {
    return convene::testing::error_message<convene::BadInputError>([&] { checked(text); });
}

constexpr std::string_view k_briefing = R"toml(title = "Séance d'information"
slug = "imrf-briefing"
timezone = "Europe/Paris"
start = 2022-04-13T15:00:00
end = 16:00:00
venue = "Online"
registration-url = "https://example.org/register"
languages = ["en", "fr", "es"]
organisers = ["Mayors Mechanism", "Mayors Migration Council (MMC)"]
parent = "peer-learning"
description = """
Contexte

En 2018…"""

[[agenda]]
title = "Détails techniques"

[[agenda]]
title = "La route vers l'IMRF"
kind = "talk"
start = "+10m"
duration = "30m"

[[agenda.speakers]]
name = "Monami Maulik"
role = "Stakeholder Liaison Officer"
organisation = "Réseau des Nations Unies sur la migration"

[[agenda.speakers]]
name = "Sophie van Haasen"

[[agenda]]
title = "Discussion, questions et réponses"
description = "Questions directrices :"
points = ["Comment ?", "Avez-vous ?"]
)toml";

}  // namespace

TEST_CASE("an event file gives the event and its agenda", "[event_file]") {
    const auto read = parse_event_file(std::string(k_briefing), "briefing.toml");
    CHECK(read.event.parent == "peer-learning");
    CHECK(read.lines.at("parent") == 10);
    CHECK(read.lines.at("agenda[2].speakers[1].name") == 26);
    const auto file = checked(std::string(k_briefing), "UTC", "briefing.toml");
    const auto& e = file.event;
    CHECK(e.title == "Séance d'information");
    CHECK(e.slug == "imrf-briefing");
    CHECK(e.timezone == "Europe/Paris");
    CHECK(format_utc(e.start) == "2022-04-13T13:00:00Z");
    CHECK(format_utc(e.end) == "2022-04-13T14:00:00Z");
    CHECK(e.venue == "Online");
    CHECK(e.registration_url == "https://example.org/register");
    CHECK(e.languages == std::vector<std::string>{"en", "fr", "es"});
    CHECK(e.organisers.size() == 2);
    CHECK(e.description == "Contexte\n\nEn 2018…");
    CHECK(file.parent == "peer-learning");
    CHECK(e.id == 0);
    CHECK(e.locale == "en");

    REQUIRE(file.agenda.size() == 3);
    CHECK(file.agenda[0].position == 1);
    CHECK(file.agenda[0].title == "Détails techniques");
    CHECK_FALSE(file.agenda[0].start);
    const auto& talk = file.agenda[1];
    CHECK(talk.kind == "talk");
    CHECK(format_utc(*talk.start) == "2022-04-13T13:10:00Z");
    CHECK(talk.duration == std::chrono::minutes{30});
    REQUIRE(talk.speakers.size() == 2);
    CHECK(talk.speakers[0].organisation == "Réseau des Nations Unies sur la migration");
    CHECK(talk.speakers[1].name == "Sophie van Haasen");
    CHECK(talk.speakers[1].role.empty());
    CHECK(file.agenda[2].points == std::vector<std::string>{"Comment ?", "Avez-vous ?"});
    CHECK(file.agenda[2].position == 3);
}

TEST_CASE("an event file: defaults, derived slug, all-day dates, strings for times",
          "[event_file]") {
    const auto file = checked(
        "title = \"Migrations et déplacements\"\ndate = 2022-04-11\nend-date = \"2022-04-13\"\n",
        "Europe/Paris");
    CHECK(file.event.slug == "migrations-et-deplacements");
    CHECK(file.event.timezone == "Europe/Paris");
    CHECK(file.event.all_day);
    CHECK(format_date(file.event.start_date) == "2022-04-11");
    CHECK(format_date(file.event.end_date) == "2022-04-13");
    CHECK_FALSE(file.parent);
    CHECK(file.agenda.empty());

    const auto timed = checked(
        "title = \"T\"\nstart = \"2022-04-13 15:00\"\nduration = \"1h30m\"\ncapacity = 40\n",
        "Europe/Paris");
    CHECK(format_utc(timed.event.end) == "2022-04-13T14:30:00Z");
    CHECK(timed.event.capacity == 40);

    const auto offset =
        checked("title = \"T\"\nstart = 2022-04-13T15:00:00+02:00\nend = 2022-04-13T14:00:00Z\n");
    CHECK(format_utc(offset.event.start) == "2022-04-13T13:00:00Z");
    CHECK(format_utc(offset.event.end) == "2022-04-13T14:00:00Z");
}

TEST_CASE("event file errors name the file, the line and the key", "[event_file]") {
    CHECK(bad_input("title = \"T\"\nstart = \"2022-04-13T15:00\"\nend = \"16:00\"\ncapacity = "
                    "\"lots\"\n") == "event.toml:4: capacity: expected an integer");
    CHECK(bad_input("title = 42\n") == "event.toml:1: title: expected a string");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\ncolour = \"red\"\n") ==
          "event.toml:3: colour: unknown key");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\n\n[[agenda]]\ntitle = \"A\"\n\n[[agenda]]\n"
                    "title = \"B\"\nspeakers = \"Ada\"\n") ==
          "event.toml:9: agenda[2].speakers: expected an array of tables ([[agenda.speakers]])");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\n[[agenda]]\ntitle = \"A\"\n"
                    "[[agenda.speakers]]\nrole = \"Chair\"\n") ==
          "event.toml:5: agenda[1].speakers[1].name: a speaker needs a name");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\n[[agenda]]\ntitle = \"A\"\nlength = 3\n") ==
          "event.toml:5: agenda[1].length: unknown key");
    CHECK(bad_input("title = \"T\"\ntimezone = \"Mars/Olympus\"\ndate = 2022-04-11\n") ==
          "event.toml:2: timezone: unknown time zone 'Mars/Olympus'");
    CHECK(bad_input("title = \"T\"\nstart = 2022-04-13T15:00:00\nend = 14:00:00\n") ==
          "event.toml:3: end: the end is not after the start");
    CHECK(bad_input("title = \"T\"\nstart = 2022-04-13T15:00:00\n") ==
          "event.toml:2: start: the event needs an end");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\nlanguages = [\"en\", \"e_n\"]\n") ==
          "event.toml:3: languages: 'e_n' is neither a language tag nor a language's name");
    CHECK(
        bad_input(
            "title = \"T\"\ndate = 2022-04-11\n[[agenda]]\ntitle = \"A\"\nkind = \"keynote\"\n") ==
        "event.toml:5: agenda[1].kind: unknown agenda item kind 'keynote'");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\nslug = \"Not A Slug\"\n")
              .starts_with("event.toml:3: slug: invalid slug 'Not A Slug'"));
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\nonline = \"zoom\"\n") ==
          "event.toml:3: online: 'zoom' is not a URL");
    CHECK(bad_input("date = 2022-04-11\n") == "event.toml: title: an event needs a title");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\n[[agenda]]\nkind = \"talk\"\n") ==
          "event.toml:3: agenda[1].title: an agenda item needs a title");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\n[[agenda]]\ntitle = \"A\"\n"
                    "points = [\"a\", \" \"]\n") ==
          "event.toml:5: agenda[1].points[2]: an agenda point must not be empty");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\ncapacity = -3\n") ==
          "event.toml:3: capacity: capacity must be zero or more, not -3");
    CHECK(bad_input("title = \"T\"\ndate = 2022-04-11\nstatus = \"cancelled\"\n") ==
          "event.toml:3: status: use 'convene cancel-event' to cancel an event");
    CHECK(bad_input("title = \"T\"\n") == "event.toml: the event needs a time");
    CHECK(bad_input("title = \"unterminated\n").starts_with("event.toml:1: "));
}

TEST_CASE("an event file takes the default locale and zone only where it says nothing",
          "[event_file]") {
    const auto file = parse_event_file("title = \"T\"\ndate = 2022-04-11\n", "t.toml");
    const auto plain = file.value(check_event_file(file, {"Asia/Tokyo", "fr"}));
    CHECK(plain.event.locale == "fr");
    CHECK(plain.event.timezone == "Asia/Tokyo");
    const auto own = checked(
        "title = \"T\"\ndate = 2022-04-11\nlocale = \"es\"\n"
        "timezone = \"Europe/Paris\"\n");
    CHECK(own.event.locale == "es");
    CHECK(own.event.timezone == "Europe/Paris");
}

TEST_CASE("a problem found after reading is said of the file's line and key", "[event_file]") {
    const auto file = parse_event_file("title = \"T\"\ndate = 2022-04-11\nparent = 7\n", "e.toml");
    CHECK(file.event.parent == "7");
    Problem missing{"parent", "no event '7'", "create the parent event first"};
    missing.not_found = true;
    CHECK(convene::testing::error_message<convene::NotFoundError>([&] { file.fail(missing); }) ==
          "e.toml:3: parent: no event '7'");
    CHECK(convene::testing::error_message<convene::BadInputError>([&] {
              file.fail({"parent", "'a' cannot be part of 'b', which is part of it", {}});
          }) == "e.toml:3: parent: 'a' cannot be part of 'b', which is part of it");
    CHECK(convene::testing::error_message<convene::BadInputError>([&] {
              file.fail({"", "the event needs a time", {}});
          }) == "e.toml: the event needs a time");
}
