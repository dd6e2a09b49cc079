#include <catch2/catch.hpp>

#include "convene/app/attendance_import.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"
#include "platform_fixtures.hpp"
#include "testing.hpp"

using namespace std::chrono_literals;
using convene::app::AttendanceImport;
using convene::app::check_in_from_report;
using convene::domain::Registration;
using convene::domain::RegistrationStatus;
namespace testing = convene::testing;
namespace store = convene::store;

namespace {

// The seed briefing (13 April 2022, 15:00–16:00 Europe/Paris) and the people of
// tests/fixtures/platforms who registered for it.
struct Briefing {
    testing::StoreWithEvent fixture{without_parent(testing::seed_briefing())};
    store::RegistrationStore registrations{fixture.db};
    testing::TempFolder folder;

    static convene::domain::Event without_parent(convene::domain::Event event) {
        event.parent_id.reset();
        return event;
    }

    Briefing() {
        add("Léa Dupont", "lea.dupont@example.org");
        add("José Núñez", "jose.nunez@example.es");
        add("Hélène Lefèvre", "helene.lefevre@example.fr");
        add("Amélie Roux", "amelie.roux@example.com", RegistrationStatus::cancelled);
    }

    void add(std::string name, std::string email,
             RegistrationStatus status = RegistrationStatus::registered) {
        Registration r;
        r.event_id = fixture.event.id;
        r.name = std::move(name);
        r.email = std::move(email);
        r.status = status;
        r.registered_at = testing::at(1);
        registrations.insert(r);
    }

    convene::app::AttendanceImported run(const std::string& report, AttendanceImport import = {}) {
        import.event = "imrf-briefing";
        convene::io::InputFile input(
            folder.write(report, testing::platform_bytes(report)).string());
        return check_in_from_report(fixture.db, input, import);
    }

    Registration person(std::string_view email) {
        return *registrations.find_by_email(fixture.event.id, email);
    }
};

}  // namespace

TEST_CASE("a report checks in at the first join and keeps each person's time",
          "[attendance_import]") {
    Briefing briefing;
    const auto done = briefing.run("zoom-participants.csv");
    CHECK(done.platform == "zoom");
    CHECK(done.checked_in == 3);
    const auto jose = briefing.person("jose.nunez@example.es");
    CHECK(convene::domain::format_utc(*jose.checked_in_at) == "2022-04-13T13:01:30Z");
    CHECK(jose.attended == 57min);
    // A cancelled registration is none: its person came without registering.
    REQUIRE(done.match.unregistered.size() == 2);
    CHECK(done.match.unregistered[0].email == "amelie.roux@example.com");
    CHECK_FALSE(briefing.person("amelie.roux@example.com").checked_in_at);
}

TEST_CASE("a check-in already made keeps its time and a short stay is not checked in",
          "[attendance_import]") {
    Briefing briefing;
    const auto lea = briefing.person("lea.dupont@example.org");
    briefing.registrations.set_checked_in(lea.id, testing::k_now);
    const auto done = briefing.run("teams-attendance.csv", {.min_duration = 40min});
    CHECK(done.checked_in == 1);  // José; Léa was already
    CHECK(briefing.person("lea.dupont@example.org").checked_in_at == testing::k_now);
    const auto helene = briefing.person("helene.lefevre@example.fr");
    CHECK_FALSE(helene.checked_in_at);
    CHECK(helene.attended == 34min + 48s);
    CHECK(
        store::RegistrationStore(briefing.fixture.db).counts(briefing.fixture.event.id).attended ==
        2);
}

TEST_CASE("a dry run and another meeting's report write nothing", "[attendance_import]") {
    Briefing briefing;
    const auto done = briefing.run("zoom-participants.csv", {.dry_run = true});
    CHECK(done.checked_in == 3);
    CHECK_FALSE(briefing.person("lea.dupont@example.org").checked_in_at);
    CHECK_FALSE(briefing.person("lea.dupont@example.org").attended);

    // Read as Honolulu's wall times, the meeting started at 02:51 on the 14th in Paris.
    const auto message = testing::error_message<convene::BadInputError>([&] {
        briefing.run("zoom-participants.csv",
                     {.report_zone = &convene::domain::known_zone("Pacific/Honolulu")});
    });
    CHECK_THAT(message, Catch::Contains("zoom-participants.csv: the report's meeting was on"));
    CHECK_FALSE(briefing.person("lea.dupont@example.org").checked_in_at);
}
