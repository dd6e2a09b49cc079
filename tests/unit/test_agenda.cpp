#include <string>

#include <catch2/catch.hpp>

#include "convene/domain/agenda.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "testing.hpp"

using namespace convene::domain;
using namespace std::chrono_literals;

namespace {

std::string usage_error(std::string_view spec) {
    const auto speaker = parse_speaker(spec);
    return speaker ? "no error" : speaker.problem().message;
}

// The seed's briefing: 2022-04-13 15:00–16:00 Europe/Paris (13:00–14:00 UTC).
Event briefing() {
    Event event;
    event.timezone = "Europe/Paris";
    event.start = *parse_instant("2022-04-13T13:00Z", known_zone("UTC"));
    event.end = event.start + 1h;
    return event;
}

AgendaItem timed(int position, const Event& event, std::string_view start,
                 std::chrono::seconds duration) {
    AgendaItem item;
    item.position = position;
    item.title = "Item " + std::to_string(position);
    item.start = *parse_item_start(start, event);
    item.duration = duration;
    return item;
}

}  // namespace

TEST_CASE("a speaker is NAME, ROLE and ORGANISATION split at semicolons, trimmed", "[agenda]") {
    const auto s = *parse_speaker(
        "Monami Maulik; Stakeholder Liaison Officer;  Réseau des Nations Unies sur la migration ");
    CHECK(s.name == "Monami Maulik");
    CHECK(s.role == "Stakeholder Liaison Officer");
    CHECK(s.organisation == "Réseau des Nations Unies sur la migration");

    const auto name_only = *parse_speaker("Sophie van Haasen");
    CHECK(name_only.name == "Sophie van Haasen");
    CHECK(name_only.role.empty());
    CHECK(name_only.organisation.empty());

    const auto no_role = *parse_speaker("Ada;;GFMD");
    CHECK(no_role.role.empty());
    CHECK(no_role.organisation == "GFMD");
}

TEST_CASE("a backslash escapes a semicolon or a backslash inside a speaker field", "[agenda]") {
    const auto s = *parse_speaker(R"(Ada\; Lovelace; Analyst\; poet; C:\\Engines)");
    CHECK(s.name == "Ada; Lovelace");
    CHECK(s.role == "Analyst; poet");
    CHECK(s.organisation == R"(C:\Engines)");
}

TEST_CASE("bad speakers are usage errors that say what is wrong", "[agenda]") {
    CHECK(usage_error(R"(Ada; Analyst\)") ==
          R"(speaker 'Ada; Analyst\' ends with an unterminated '\')");
    CHECK(usage_error(R"(\)") == R"(speaker '\' ends with an unterminated '\')");
    CHECK(usage_error("; Role; Org") == "speaker '; Role; Org' has no name");
    CHECK(usage_error("   ") == "speaker '   ' has no name");
    CHECK(usage_error("") == "speaker '' has no name");
    CHECK(usage_error("a;b;c;d") == "speaker 'a;b;c;d' has 4 fields, at most 3");
    CHECK(usage_error(R"(A\nB)") == R"(speaker 'A\nB': '\n' is not an escape)");
}

TEST_CASE("a speaker written with commas gets a warning with semicolons", "[agenda]") {
    CHECK(speaker_warning("Ana Silva, Chair, IOM") ==
          "speaker 'Ana Silva, Chair, IOM' is stored as one name: its fields are separated by "
          "';', as in \"Ana Silva; Chair; IOM\"");
    CHECK(speaker_warning("A, B, C, D")->ends_with("\"A; B; C, D\""));
    CHECK_FALSE(speaker_warning("Doe, Jane"));
    CHECK_FALSE(speaker_warning("Ana Silva, PhD; Chair, Day 1; IOM"));
    CHECK_FALSE(speaker_warning("Ana"));
}

TEST_CASE("agenda kinds are a closed list", "[agenda]") {
    CHECK(*parse_agenda_kind("") == "");
    CHECK(*parse_agenda_kind("discussion") == "discussion");
    CHECK_FALSE(parse_agenda_kind("keynote").ok());
}

TEST_CASE("an item starts at an offset, a wall time or a date-time in the event's zone",
          "[agenda]") {
    const auto event = briefing();
    CHECK(*parse_item_start("+15m", event) == event.start + 15min);
    CHECK(*parse_item_start("15:30", event) == event.start + 30min);
    CHECK(*parse_item_start("2022-04-13T15:45", event) == event.start + 45min);
    CHECK(*parse_item_start("2022-04-13T13:45Z", event) == event.start + 45min);
    CHECK_FALSE(parse_item_start("+soon", event).ok());
    CHECK_FALSE(parse_item_start("quarter past", event).ok());
}

TEST_CASE("all-day events start at local midnight of their first day", "[agenda]") {
    Event event;
    event.timezone = "Europe/Paris";
    event.all_day = true;
    event.start_date = *parse_date("2022-04-11");
    event.end_date = *parse_date("2022-04-13");
    const auto [begin, end] = event_bounds(event);
    CHECK(format_utc(begin) == "2022-04-10T22:00:00Z");
    CHECK(format_utc(end) == "2022-04-13T22:00:00Z");
    CHECK(format_utc(*parse_item_start("+1d9h", event)) == "2022-04-12T07:00:00Z");
    CHECK(format_utc(*parse_item_start("09:00", event)) == "2022-04-11T07:00:00Z");
}

TEST_CASE("timing problems: outside the event and overlaps, untimed items ignored", "[agenda]") {
    const auto event = briefing();
    std::vector<AgendaItem> items{timed(1, event, "+0m", 15min), timed(2, event, "+10m", 30min),
                                  timed(3, event, "+50m", 20min), AgendaItem{},
                                  timed(5, event, "14:30", 10min)};
    items[3].position = 4;
    items[3].title = "Untimed";
    CHECK(timing_problems(event, items) ==
          std::vector<std::string>{"item 1 (Item 1) overlaps item 2 (Item 2)",
                                   "item 3 (Item 3) ends after the event",
                                   "item 5 (Item 5) starts before the event"});
    // One item: its own problems and every overlap it takes part in.
    CHECK(timing_problems(event, items, 2) ==
          std::vector<std::string>{"item 2 (Item 2) overlaps item 1 (Item 1)"});
    CHECK(timing_problems(event, items, 4).empty());
    // Back to back is not an overlap.
    CHECK(timing_problems(event, {timed(1, event, "+0m", 30min), timed(2, event, "+30m", 30min)})
              .empty());
}

TEST_CASE("an item needs a title and named speakers", "[agenda]") {
    AgendaItem item;
    CHECK(validate(item)->field == "title");
    item.title = "Conclusions";
    CHECK_FALSE(validate(item));
    item.speakers.push_back({"", "Role", "Org"});
    CHECK(validate(item)->field == "speakers[1].name");
    item.speakers.clear();
    item.points.push_back(" ");
    CHECK(validate(item)->field == "points[1]");
}

TEST_CASE("only timed items' time, length or title reach calendars", "[agenda]") {
    AgendaItem untimed;
    untimed.title = "Détails techniques";
    auto renamed = untimed;
    renamed.title = "Technique";
    CHECK_FALSE(changes_calendar(untimed, renamed));

    AgendaItem timed = untimed;
    timed.start = Instant{std::chrono::seconds{1649854800}};
    timed.duration = 20min;
    CHECK(changes_calendar(untimed, timed));  // it becomes a VEVENT
    auto edited = timed;
    edited.description = "new text";
    edited.points = {"a question"};
    CHECK_FALSE(changes_calendar(timed, edited));
    for (auto change :
         {+[](AgendaItem& i) { i.title = "Other"; }, +[](AgendaItem& i) { *i.start += 5min; },
          +[](AgendaItem& i) { i.duration = 30min; }, +[](AgendaItem& i) { i.start.reset(); }}) {
        auto changed = timed;
        change(changed);
        CHECK(changes_calendar(timed, changed));
    }
}
