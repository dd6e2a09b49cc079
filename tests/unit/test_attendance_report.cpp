#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/io/attendance_report.hpp"
#include "platform_fixtures.hpp"

using convene::io::AttendanceReport;
using convene::io::read_attendance_report;
using convene::testing::platform_bytes;

namespace {

const date::time_zone& paris() { return *date::locate_zone("Europe/Paris"); }

AttendanceReport read(const std::string& bytes) {
    return read_attendance_report(bytes, "report.csv", paris());
}

std::string error_of(const std::string& bytes) {
    try {
        read(bytes);
    } catch (const convene::BadInputError& error) {
        return error.what();
    }
    return "no error";
}

const convene::io::ReportedParticipant& named(const AttendanceReport& report,
                                              std::string_view name) {
    for (const auto& person : report.participants) {
        if (person.name == name) return person;
    }
    FAIL("nobody named " << name);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Zoom's participants report: meeting block, stays summed, host and guests",
          "[attendance_report]") {
    const auto report = read(platform_bytes("zoom-participants.csv"));
    CHECK(report.platform == "zoom");
    CHECK(report.title == "Séance d'information sur la route vers l'IMRF, 13 avril");
    CHECK(convene::domain::format_utc(report.start) == "2022-04-13T12:51:10Z");
    CHECK(convene::domain::format_utc(report.end) == "2022-04-13T14:04:40Z");
    REQUIRE(report.participants.size() == 6);
    const auto& host = named(report, "Mayors Mechanism");
    CHECK(host.host);
    CHECK(host.time_in_meeting == std::chrono::minutes{74});
    // Two stays, and an e-mail written in two cases: one person.
    const auto& jose = named(report, "José Núñez");
    CHECK(jose.stays == 2);
    CHECK(jose.time_in_meeting == std::chrono::minutes{57});
    REQUIRE(jose.first_join);
    CHECK(convene::domain::format_utc(*jose.first_join) == "2022-04-13T13:01:30Z");
    CHECK_FALSE(jose.host);
    CHECK_FALSE(jose.guest);
    const auto& helene = named(report, "Hélène L.");
    CHECK(helene.original_name == "Helene LEFEVRE");
    CHECK(helene.email.empty());
    CHECK(helene.guest);
    CHECK(helene.line == 9);
    CHECK(named(report, "iPhone de Marc").time_in_meeting == std::chrono::minutes{3});
}

TEST_CASE("Zoom's report without its meeting block dates the meeting by the first join",
          "[attendance_report]") {
    const auto text = convene::testing::platform_fixture("zoom-participants.csv").text;
    const auto report = read(text.substr(text.find("Name (Original Name)")));
    CHECK(convene::domain::format_utc(report.start) == "2022-04-13T12:51:10Z");
    CHECK(convene::domain::format_utc(report.end) == "2022-04-13T14:04:40Z");
    CHECK(report.title.empty());
    CHECK(report.participants.size() == 6);
    CHECK_FALSE(report.participants.front().host);  // no block: no host known
}

TEST_CASE("Teams' attendance report: UTF-16, tabs, sections", "[attendance_report]") {
    const auto report = read(platform_bytes("teams-attendance.csv"));
    CHECK(report.platform == "teams");
    CHECK(report.encoding.name == "utf-16le");
    CHECK(report.title == "Séance d'information sur la route vers l'IMRF");
    CHECK(convene::domain::format_utc(report.start) == "2022-04-13T12:55:03Z");
    CHECK(convene::domain::format_utc(report.end) == "2022-04-13T14:03:40Z");
    REQUIRE(report.participants.size() == 6);
    CHECK(named(report, "Mayors Mechanism").host);
    CHECK(named(report, "José Núñez").time_in_meeting == std::chrono::seconds{55 * 60 + 56});
    CHECK(named(report, "Léa Dupont").time_in_meeting == std::chrono::seconds{3793});
    const auto& jose = named(report, "José Núñez");  // First Join of the summed line
    REQUIRE(jose.first_join);
    CHECK(convene::domain::format_utc(*jose.first_join) == "2022-04-13T13:01:30Z");
    const auto& helene = named(report, "Hélène Lefèvre");  // "(Guest)" dropped
    CHECK(helene.guest);
    CHECK(named(report, "+33 1 23 45 67 89").guest);
    CHECK_FALSE(named(report, "Amélie Roux").guest);
}

TEST_CASE("a report in Windows-1252 is read, and the guess said", "[attendance_report]") {
    const auto report = read(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
        "L\xE9"
        "a Dupont,lea@example.org,04/13/2022 02:58:02 PM,04/13/2022 04:01:15 PM,64,No\r\n");
    CHECK(report.encoding_guessed);
    CHECK(report.participants.at(0).name == "Léa Dupont");
}

TEST_CASE("what is not a report, or is broken, is refused with its line", "[attendance_report]") {
    CHECK(error_of("name,email\nAna,a@example.org\n") ==
          "report.csv:1: not a Zoom participants report nor a Teams attendance report");
    CHECK(error_of("") == "report.csv:1: the report is empty");
    CHECK(error_of("Name (Original Name),User Email,Duration (Minutes)\nAna,a@x.org,ten\n") ==
          "report.csv:2: the duration 'ten' is not a number of minutes");
    CHECK(error_of("Name (Original Name),User Email,Join Time,Duration (Minutes)\n"
                   "Ana,a@x.org,yesterday,10\n")
              .starts_with("report.csv:2: 'yesterday' is not a time as the platform writes it"));
    CHECK(error_of("Name (Original Name),Join Time\nAna,x\n") ==
          "report.csv:1: no \"User Email\" column");
    CHECK(error_of("1. Summary\nMeeting title\tX\n\n3. In-Meeting Activities\n") ==
          "report.csv:1: no \"2. Participants\" section");
    CHECK(error_of("1. Summary\nStart time\t4/13/22, 2:55:03 PM\n\n2. Participants\n"
                   "Name\tIn-Meeting Duration\nAna\tlong\n") ==
          "report.csv:6: the duration 'long' does not read as 1h 8m 37s");
}
