#include <catch2/catch.hpp>

#include <string>

#include "convene/error.hpp"
#include "convene/io/schedule_file.hpp"
#include "testing.hpp"

using namespace convene;
using namespace std::chrono_literals;

namespace {

io::ScheduleFile fixture(const std::string& name) {
    const auto bytes =
        testing::read_text(std::string(CONVENE_TEST_DATA_DIR) + "/fixtures/schedules/" + name);
    return io::read_schedule(bytes, name);
}

std::string refusal(std::string_view bytes) {
    try {
        io::read_schedule(bytes, "schedule.xml");
    } catch (const BadInputError& e) {
        return e.what();
    }
    return "(read)";
}

}  // namespace

TEST_CASE("pretalx's schedule.xml and schedule.json read as the same programme", "[schedule]") {
    const auto xml = fixture("pretalx-schedule.xml");
    const auto json = fixture("pretalx-schedule.json");
    for (const auto* schedule : {&xml, &json}) {
        CHECK(schedule->acronym == "forum2026");
        CHECK(schedule->title == "Forum des villes 2026");
        CHECK(schedule->timezone == "Europe/Paris");
        CHECK(schedule->version == "1.2");
        CHECK(domain::format_date(schedule->start) == "2026-06-10");
        CHECK(domain::format_date(schedule->end) == "2026-06-12");
        REQUIRE(schedule->tracks.size() == 2);
        CHECK(schedule->tracks[0].name == "Migration");
        CHECK(schedule->tracks[0].colour == "#1f77b4");
        REQUIRE(schedule->talks.size() == 6);
    }
    auto by_guid = [](const io::ScheduleFile& schedule, std::string_view guid) {
        for (const auto& talk : schedule.talks) {
            if (talk.guid == guid) return talk;
        }
        FAIL("no talk " << guid);
        return io::ScheduleTalk{};
    };
    for (const auto& talk : xml.talks) {
        INFO(talk.guid);
        const auto other = by_guid(json, talk.guid);
        CHECK(other.id == talk.id);
        CHECK(other.title == talk.title);
        CHECK(other.start == talk.start);
        CHECK(other.duration == talk.duration);
        CHECK(other.room == talk.room);
        CHECK(other.track == talk.track);
        CHECK(other.type == talk.type);
        CHECK(other.language == talk.language);
        CHECK(other.persons == talk.persons);
        CHECK(other.url == talk.url);
    }
    const auto late = by_guid(xml, "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f05");
    CHECK(domain::format_utc(late.start) == "2026-06-11T21:30:00Z");
    CHECK(late.duration == 1h);
    CHECK(late.track.empty());
    const auto road = by_guid(xml, "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f02");
    CHECK(road.persons == std::vector<std::string>{"Monami Maulik", "Ana Pérez"});
    CHECK(road.type == "Talk");
    CHECK(road.line > 1);
}

TEST_CASE("a file that is not a schedule is refused with its line", "[schedule]") {
    CHECK(refusal("<schedule>\n<conference>\n</schedule>") ==
          "schedule.xml:3: not well-formed XML: Start-end tags mismatch");
    CHECK(refusal("<html><body/></html>") ==
          "schedule.xml: no <schedule><conference>: not a frab schedule");
    CHECK(refusal("{\"schedule\": {}}") ==
          "schedule.xml: no schedule.conference: not a frab schedule");
    const std::string head =
        "<schedule><conference><title>T</title><start>2026-01-01</start><end>2026-01-01</end>"
        "</conference><day index='1'><room name='R'>\n";
    const std::string talk =
        "<event guid='g1' id='1'><title>A</title><date>2026-01-01T10:00:00+01:00</date>"
        "<duration>00:30</duration></event>\n";
    CHECK(refusal(head + talk + "</room></day></schedule>") == "(read)");
    CHECK(refusal(head + talk + talk + "</room></day></schedule>") ==
          "schedule.xml:3: two talks have the guid g1");
    auto no_length = talk;
    no_length.replace(no_length.find("00:30"), 5, "half an hour");
    CHECK(refusal(head + no_length + "</room></day></schedule>") ==
          "schedule.xml:2: talk g1: duration 'half an hour' is not HH:MM");
    // Without an offset: in the conference's zone when it names one, else refused.
    auto no_offset = talk;
    no_offset.replace(no_offset.find("+01:00"), 6, "");
    CHECK(refusal(head + no_offset + "</room></day></schedule>").find("is not a date-time") !=
          std::string::npos);
    auto in_paris = head;
    in_paris.replace(in_paris.find("</conference>"), 0,
                     "<time_zone_name>Europe/Paris</time_zone_name>");
    const auto read = io::read_schedule(in_paris + no_offset + "</room></day></schedule>", "s");
    CHECK(domain::format_utc(read.talks.at(0).start) == "2026-01-01T09:00:00Z");
}
