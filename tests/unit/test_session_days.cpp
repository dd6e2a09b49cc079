#include <catch2/catch.hpp>

#include "convene/domain/day_clock.hpp"
#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"

using namespace convene;

namespace {

domain::Event forum() {
    domain::Event event;
    event.id = 1;
    event.title = "Forum";
    event.timezone = "Europe/Paris";
    event.all_day = true;
    event.start_date = *domain::parse_date("2026-03-28");
    event.end_date = *domain::parse_date("2026-03-29");  // the night clocks go forward
    return event;
}

domain::Event session(std::int64_t id, const char* start, std::chrono::minutes length) {
    domain::Event event;
    event.id = id;
    event.parent_id = 1;
    event.title = "Session " + std::to_string(id);
    event.timezone = "Europe/Paris";
    event.start = *domain::parse_instant(start, domain::known_zone("Europe/Paris"));
    event.end = event.start + length;
    return event;
}

std::vector<std::pair<std::string, std::vector<std::int64_t>>> days_of(const page::EventPage& p) {
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> result;
    for (const auto& day : page::session_days(p)) {
        result.emplace_back(domain::format_date(day.day), std::vector<std::int64_t>{});
        for (const auto* s : day.sessions) result.back().second.push_back(s->id);
    }
    return result;
}

using Days = std::vector<std::pair<std::string, std::vector<std::int64_t>>>;

}  // namespace

TEST_CASE("sessions after midnight and before the day change belong to the evening before",
          "[page]") {
    page::EventPage p;
    p.event = forum();
    using std::chrono::minutes;
    // 02:30 on the 29th does not exist (clocks go forward at 02:00): the day change at 04:00
    // still counts from the wall clock.
    p.sessions = {
        session(2, "2026-03-28T09:00", minutes{60}), session(3, "2026-03-28T23:30", minutes{60}),
        session(4, "2026-03-29T01:30", minutes{30}), session(5, "2026-03-29T04:00", minutes{60})};
    CHECK(days_of(p) == Days{{"2026-03-28", {2, 3, 4}}, {"2026-03-29", {5}}});
    p.day_change = std::chrono::hours{0};
    CHECK(days_of(p) == Days{{"2026-03-28", {2, 3}}, {"2026-03-29", {4, 5}}});
}

TEST_CASE("no day before the programme's first, however early a session starts", "[page]") {
    page::EventPage p;
    p.event = forum();
    p.sessions = {session(2, "2026-03-28T02:00", std::chrono::minutes{60})};
    CHECK(days_of(p) == Days{{"2026-03-28", {2}}});
    p.sessions.clear();
    CHECK(page::session_days(p).empty());
}

TEST_CASE("a session's place is its room, else its venue, then its track", "[page]") {
    auto s = session(2, "2026-03-28T09:00", std::chrono::minutes{60});
    CHECK(page::session_place(s).empty());
    s.venue = "Hall";
    CHECK(page::session_place(s) == "Hall");
    s.room = "Salle A";
    s.track = "Migration";
    CHECK(page::session_place(s) == "Salle A · Migration");
    s.room.clear();
    s.venue.clear();
    CHECK(page::session_place(s) == "Migration");
}

TEST_CASE("a session's speakers: each with the organisation, in the locale's list", "[page]") {
    page::EventPage p;
    p.event = forum();
    p.sessions = {session(2, "2026-03-28T09:00", std::chrono::minutes{60})};
    const l10n::Locale french("fr");
    CHECK(page::session_speakers(french, p, p.sessions[0]).empty());
    p.session_speakers[2] = {{"Ana Silva", "Chair", "IOM"}, {"Jean Martin", "", ""}};
    CHECK(page::session_speakers(french, p, p.sessions[0]) == "Ana Silva (IOM) et Jean Martin");
}
