#include <catch2/catch.hpp>

#include "convene/app/attendance.hpp"
#include "convene/domain/time.hpp"
#include "platform_fixtures.hpp"
#include "testing.hpp"

using namespace std::chrono_literals;
using convene::app::AttendanceMatch;
using convene::app::match_attendance;
using convene::domain::Registration;
using convene::domain::RegistrationStatus;

namespace {

Registration person(std::int64_t id, std::string name, std::string email,
                    RegistrationStatus status = RegistrationStatus::registered) {
    Registration registration;
    registration.id = id;
    registration.name = std::move(name);
    registration.email = std::move(email);
    registration.status = status;
    return registration;
}

// The people of tests/fixtures/platforms, as registered for the briefing.
std::vector<Registration> registrations() {
    return {
        person(1, "Léa Dupont", "lea.dupont@example.org"),
        person(2, "José Núñez", "jose.nunez@example.es"),
        person(3, "María José García Peña", "mj.garcia@example.es"),
        person(4, "Hélène Lefèvre", "helene.lefevre@example.fr"),
        person(5, "Zoë O'Brien", "zoe.obrien@example.org", RegistrationStatus::cancelled),
        person(6, "Íñigo Martínez", "inigo.martinez@example.es", RegistrationStatus::waitlisted)};
}

AttendanceMatch match(const std::string& fixture, std::chrono::seconds min = 0s) {
    const auto report = convene::io::read_attendance_report(
        convene::testing::platform_bytes(fixture), fixture, *date::locate_zone("Europe/Paris"));
    return match_attendance(report.participants, registrations(), min);
}

std::vector<std::string> names(const std::vector<convene::app::Attended>& people) {
    std::vector<std::string> out;
    for (const auto& p : people) out.push_back(p.registration.name);
    return out;
}

template <typename People>
std::vector<std::string> shown(const People& people) {
    std::vector<std::string> out;
    for (const auto& p : people) out.push_back(p.name);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("Zoom: by e-mail, then by name, repeated joins summed, host apart", "[attendance]") {
    const auto result = match("zoom-participants.csv");
    CHECK(names(result.attended) == Names{"Léa Dupont", "José Núñez", "Hélène Lefèvre"});
    CHECK(result.attended[1].time_in_meeting == 57min);  // two stays
    REQUIRE(result.attended[1].first_join);              // the first of them
    CHECK(convene::domain::format_utc(*result.attended[1].first_join) == "2022-04-13T13:01:30Z");
    CHECK(result.attended[2].time_in_meeting == 35min);  // a guest, by her original name
    CHECK(shown(result.absent) == Names{"María José García Peña"});
    CHECK(shown(result.unregistered) == Names{"Amélie Roux - interprète FR", "iPhone de Marc"});
    CHECK(shown(result.hosts) == Names{"Mayors Mechanism"});
    CHECK(result.too_short.empty());
}

TEST_CASE("Teams: the same people, its own durations", "[attendance]") {
    const auto result = match("teams-attendance.csv");
    CHECK(names(result.attended) == Names{"Léa Dupont", "José Núñez", "Hélène Lefèvre"});
    CHECK(result.attended[1].time_in_meeting == 55min + 56s);
    CHECK(shown(result.unregistered) == Names{"Amélie Roux", "+33 1 23 45 67 89"});
    CHECK(shown(result.hosts) == Names{"Mayors Mechanism"});
    CHECK(shown(result.absent) == Names{"María José García Peña"});
}

TEST_CASE("a minimum time sets apart who came too briefly", "[attendance]") {
    const auto result = match("zoom-participants.csv", 40min);
    CHECK(names(result.attended) == Names{"Léa Dupont", "José Núñez"});
    CHECK(names(result.too_short) == Names{"Hélène Lefèvre"});
    CHECK(shown(result.absent) == Names{"María José García Peña"});
}

TEST_CASE("a name two registrations share matches neither, and a registered host attends",
          "[attendance]") {
    std::vector<convene::io::ReportedParticipant> people(3);
    people[0].name = "Ana Silva";
    people[0].time_in_meeting = 10min;
    people[1].name = "Host";
    people[1].email = "HOST@example.org";
    people[1].host = true;
    people[1].time_in_meeting = 60min;
    people[2].name = "ANA   SILVA";  // the same folded name, another device
    people[2].time_in_meeting = 5min;
    const std::vector<Registration> registered{person(1, "Ana Silva", "ana@example.org"),
                                               person(2, "Ana Silva", "ana.silva@example.org"),
                                               person(3, "The Host", "host@example.org")};
    const auto result = match_attendance(people, registered);
    CHECK(names(result.attended) == Names{"The Host"});
    CHECK(shown(result.unregistered) == Names{"Ana Silva", "ANA   SILVA"});
    CHECK(result.hosts.empty());
    CHECK(shown(result.absent) == Names{"Ana Silva", "Ana Silva"});
}

TEST_CASE("a report of another day's meeting is refused", "[attendance]") {
    convene::io::AttendanceReport report;
    report.start = convene::testing::utc(date::year{2022} / 4 / 13, 12h + 51min);
    convene::domain::Event event;
    event.slug = "imrf-briefing";
    event.timezone = "Europe/Paris";
    event.start = convene::testing::utc(date::year{2022} / 4 / 13, 13h);
    event.end = convene::testing::utc(date::year{2022} / 4 / 13, 14h);
    CHECK_FALSE(convene::app::meeting_date_problem(report, event));
    event.start -= 24h;
    event.end -= 24h;
    const auto problem = convene::app::meeting_date_problem(report, event);
    REQUIRE(problem);
    CHECK(problem->field == "from");
    CHECK(problem->message ==
          "the report's meeting was on 2022-04-13, not during imrf-briefing (2022-04-12)");
    // An all-day event of three days holds it.
    event.all_day = true;
    event.start_date = date::sys_days{date::year{2022} / 4 / 11};
    event.end_date = date::sys_days{date::year{2022} / 4 / 13};
    CHECK_FALSE(convene::app::meeting_date_problem(report, event));
    // Just after midnight in Paris is that day there, though the day before in UTC.
    report.start = convene::testing::utc(date::year{2022} / 4 / 10, 22h + 30min);
    CHECK_FALSE(convene::app::meeting_date_problem(report, event));
}
