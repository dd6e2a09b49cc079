#include <optional>
#include <string>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "convene/app/register.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using domain::RegistrationStatus;
using testing::k_now;

namespace {

domain::RegistrationRequest request(std::string email) {
    domain::RegistrationRequest r;
    r.name = "Person";
    r.email = std::move(email);
    return r;
}

void sign_up(store::Database& db, const domain::Event& event, const char* email) {
    store::RegistrationStore store(db);
    app::Registrar(store, event, k_now, app::OnDuplicate::error, false).add(request(email));
}

}  // namespace

TEST_CASE("follow_capacity: a raised capacity promotes in order, a lowered one nobody",
          "[register]") {
    store::Database db(":memory:");
    auto event = testing::stored(db, testing::an_event("briefing", 2));
    for (const auto* email : {"a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"}) {
        sign_up(db, event, email);
    }

    event.capacity = 3;
    auto raised = app::follow_capacity(db, event, k_now);
    REQUIRE(raised.promoted.size() == 1);
    CHECK(raised.promoted[0].email == "c@x.org");
    CHECK(raised.registered == 3);

    event.capacity = 1;
    const auto lowered = app::follow_capacity(db, event, k_now);
    CHECK(lowered.promoted.empty());
    CHECK(lowered.registered == 3);  // nobody loses a seat
    store::RegistrationStore store(db);
    CHECK(store.count(event.id, RegistrationStatus::registered) == 3);

    event.capacity = std::nullopt;  // no limit: everyone waiting gets in, in order
    const auto removed = app::follow_capacity(db, event, k_now);
    REQUIRE(removed.promoted.size() == 2);
    CHECK(removed.promoted[0].email == "d@x.org");
    CHECK(removed.promoted[1].email == "e@x.org");
    CHECK(removed.registered == 5);
}

TEST_CASE("an import longer than a batch finds duplicates written and held, and places in order",
          "[register]") {
    // SQLite writes an import's rows fifty at a time: a later row must still see an earlier
    // one, whether its batch was written (row 3) or is still held (row 120), and the seats go
    // by order in the file.
    store::Database db(":memory:");
    const auto event = testing::stored(db, testing::an_event("briefing", 100));
    sign_up(db, event, "before@x.org");
    std::string csv = "name,email,diet\n";
    for (int i = 1; i <= 130; ++i) csv += fmt::format("P{},p{}@x.org,{}\n", i, i, i % 2 ? "" : "v");
    csv += "Again 3,P3@x.org,x\nAgain 120,p120@X.ORG,y\nAgain before,BEFORE@x.org,z\n";
    testing::TempFile file(csv, "people.csv");

    SECTION("update") {
        io::InputFile input(file.path.string());
        const auto result = app::register_from_file(
            db, "briefing", input, {}, {.on_duplicate = app::OnDuplicate::update}, k_now, {});
        CHECK(result.summary.rows == 133);
        CHECK(result.summary.added == 130);
        CHECK(result.summary.waitlisted == 31);  // 1 + 130 people for 100 seats
        CHECK(result.summary.updated == 3);
        store::RegistrationStore store(db);
        const auto p3 = store.find_by_email(event.id, "p3@x.org");
        REQUIRE(p3);
        CHECK(p3->name == "Again 3");
        CHECK(p3->fields == std::vector<std::pair<std::string, std::string>>{{"diet", "x"}});
        const auto p120 = store.find_by_email(event.id, "p120@x.org");
        REQUIRE(p120);
        CHECK(p120->name == "Again 120");
        CHECK(p120->fields == std::vector<std::pair<std::string, std::string>>{{"diet", "y"}});
        CHECK(p120->status == RegistrationStatus::waitlisted);
        CHECK(store.find_by_email(event.id, "p99@x.org")->status == RegistrationStatus::registered);
        CHECK(store.find_by_email(event.id, "p100@x.org")->status ==
              RegistrationStatus::waitlisted);
        CHECK(store.count(event.id, RegistrationStatus::registered) == 100);
        CHECK(store.count(event.id, RegistrationStatus::waitlisted) == 31);
    }
    SECTION("error: nothing is written") {
        io::InputFile input(file.path.string());
        const auto result = app::register_from_file(db, "briefing", input, {}, {}, k_now, {});
        REQUIRE(result.refusal);
        CHECK(result.refusal->first.cause == app::ImportCause::duplicate);
        store::RegistrationStore store(db);
        CHECK(store.count(event.id, RegistrationStatus::registered) == 1);
        CHECK_FALSE(store.find_by_email(event.id, "p1@x.org"));
    }
}
