#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/domain/uid.hpp"
#include "convene/export/frab_schedule.hpp"

using namespace convene;

namespace {

domain::Event conference() {
    domain::Event event;
    event.id = 1;
    event.slug = "forum";
    event.uid = "forum@convene";
    event.title = "Forum";
    event.timezone = "Europe/Paris";
    event.all_day = true;
    event.start_date = *domain::parse_date("2026-03-28");
    event.end_date = *domain::parse_date("2026-03-29");  // the night clocks go forward
    event.venue = "Hall";
    return event;
}

}  // namespace

TEST_CASE("guids are UUID-shaped, stable and differ by UID", "[frab]") {
    const auto guid = frab::guid_for("item-3.abc@convene");
    CHECK(
        std::regex_match(guid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")));
    CHECK(frab::guid_for("item-3.abc@convene") == guid);
    CHECK(frab::guid_for("item-4.abc@convene") != guid);
}

TEST_CASE("a UID that is a schedule's guid is given back as the guid, in lower case", "[frab]") {
    CHECK(frab::guid_for("3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f01") ==
          "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f01");
    CHECK(frab::guid_for("3F5C1B0E-8D7A-4C51-9D7E-0B7E1C2A4F01") ==
          "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f01");
    // convene's own UIDs carry "@convene": their guid is derived, not the UUID inside them.
    const auto own = "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f01@convene";
    CHECK(frab::guid_for(own) != "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f01");
    CHECK_FALSE(domain::is_uuid(own));
    CHECK_FALSE(domain::is_uuid("3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f0g"));
    CHECK_FALSE(domain::is_uuid("3f5c1b0e8d7a-4c51-9d7e-0b7e1c2a4f01-"));
}

TEST_CASE("one day per local date, rooms in order of first use", "[frab]") {
    const auto& zone = domain::known_zone("Europe/Paris");
    domain::AgendaItem first;
    first.id = 10;
    first.title = "Opening";
    first.start = *domain::parse_instant("2026-03-29T09:00", zone);
    first.duration = std::chrono::minutes{30};
    first.speakers = {{"Ana", "", ""}, {"Bo", "", ""}, {"Ana", "", ""}};
    domain::AgendaItem untimed;
    untimed.id = 11;
    untimed.title = "Later";
    const auto schedule = frab::from_agenda(conference(), {untimed, first});
    REQUIRE(schedule.talks.size() == 1);
    REQUIRE(schedule.talks[0].persons.size() == 2);
    CHECK(schedule.talks[0].persons[0].name == "Ana");
    CHECK(schedule.talks[0].persons[1].name == "Bo");
    CHECK(schedule.talks[0].room == "Hall");
    const auto days = frab::days_of(schedule);
    REQUIRE(days.size() == 2);
    // A day runs from the day change (04:00) to the next, the clocks' jump included.
    CHECK(domain::format_iso_local(days[0].start, zone) == "2026-03-28T04:00:00+01:00");
    CHECK(domain::format_iso_local(days[0].end, zone) == "2026-03-29T04:00:00+02:00");
    CHECK(domain::format_iso_local(days[1].start, zone) == "2026-03-29T04:00:00+02:00");
    CHECK(domain::format_iso_local(days[1].end, zone) == "2026-03-30T00:00:00+02:00");
    CHECK(days[0].rooms.empty());
    REQUIRE(days[1].rooms.size() == 1);
    CHECK(days[1].rooms[0].talks.front()->title == "Opening");
}

TEST_CASE("a session after midnight belongs to the day before", "[frab]") {
    const auto& zone = domain::known_zone("Europe/Paris");
    auto parent = conference();
    domain::Event late;
    late.id = 2;
    late.schedule_id = 2;
    late.uid = "late@convene";
    late.slug = "late";
    late.title = "Late";
    late.timezone = "Europe/Paris";
    late.start = *domain::parse_instant("2026-03-29T23:30", zone);
    late.end = *domain::parse_instant("2026-03-30T00:30", zone);
    late.session_type = "panel";
    late.track = "Night";
    late.room = "Cellar";
    const auto schedule = frab::from_sessions(parent, {late}, {});
    REQUIRE(schedule.talks.size() == 1);
    CHECK(schedule.talks[0].type == "panel");
    CHECK(schedule.talks[0].track == "Night");
    CHECK(schedule.talks[0].room == "Cellar");
    auto days = frab::days_of(schedule);
    REQUIRE(days.size() == 2);  // no third day for the half hour after midnight
    CHECK(domain::format_iso_local(days[1].end, zone) == "2026-03-30T00:30:00+02:00");
    CHECK(days[1].rooms.size() == 1);

    frab::Publishing midnight;
    midnight.day_change = std::chrono::seconds{0};
    days = frab::days_of(frab::from_sessions(parent, {late}, {}, midnight));
    CHECK(days.size() == 3);
}

TEST_CASE("schedule.xml stays well-formed whatever the titles hold", "[frab]") {
    auto event = conference();
    // As another program may have stored them: U+FFFE, U+FFFF, invalid UTF-8, a control.
    event.title = "Forum \xEF\xBF\xBE one \xEF\xBF\xBF two \xC3( three \x01 & <four>";
    std::ostringstream out;
    frab::write_xml(out, frab::from_agenda(event, {}));
    const auto xml = out.str();
    CHECK(xml.find("<title>Forum \xEF\xBF\xBD one \xEF\xBF\xBD two \xEF\xBF\xBD( three  &amp; "
                   "&lt;four&gt;</title>") != std::string::npos);
    CHECK(xml.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
}
