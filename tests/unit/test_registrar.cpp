#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include "convene/app/registrar.hpp"
#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"
#include "sqlite_handle.hpp"
#include "testing.hpp"

using namespace convene;
using app::OnDuplicate;
using app::Outcome;
using app::Refusal;
using app::Registrar;
using domain::RegistrationStatus;
using testing::k_now;

namespace {

domain::Event make_event(store::Database& db, std::optional<std::int64_t> capacity) {
    return testing::stored(db, testing::an_event("briefing", capacity));
}

domain::RegistrationRequest request(std::string email) {
    domain::RegistrationRequest r;
    r.name = "Person";
    r.email = std::move(email);
    return r;
}

Outcome added(std::variant<Outcome, Refusal> result) {
    if (const auto* refusal = std::get_if<Refusal>(&result)) FAIL(refusal->message);
    return std::get<Outcome>(std::move(result));
}

Refusal::Reason refused(const std::variant<Outcome, Refusal>& result) {
    REQUIRE(std::holds_alternative<Refusal>(result));
    return std::get<Refusal>(result).reason;
}

}  // namespace

TEST_CASE("registrar seats people up to the capacity, then waitlists", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 2);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK(added(registrar.add(request("a@x.org"))).registration.status ==
          RegistrationStatus::registered);
    CHECK(added(registrar.add(request("b@x.org"))).registration.status ==
          RegistrationStatus::registered);
    const auto c = added(registrar.add(request("c@x.org")));
    CHECK(c.registration.status == RegistrationStatus::waitlisted);
    CHECK(c.waitlist_position == 1);
    CHECK(added(registrar.add(request("d@x.org"))).waitlist_position == 2);

    Registrar strict(store, event, k_now, OnDuplicate::error, true);
    CHECK(refused(strict.add(request("e@x.org"))) == Refusal::Reason::full);
}

TEST_CASE("registrar handles duplicates per policy", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, std::nullopt);
    store::RegistrationStore store(db);
    const auto id =
        added(Registrar(store, event, k_now, OnDuplicate::error, false).add(request("ana@x.org")))
            .registration.id;
    Registrar strict(store, event, k_now, OnDuplicate::error, false);
    CHECK(refused(strict.add(request("ANA@x.org"))) == Refusal::Reason::duplicate);
    const auto skipped =
        added(Registrar(store, event, k_now, OnDuplicate::skip, false).add(request("Ana@x.org")));
    CHECK(skipped.kind == Outcome::Kind::skipped);
    CHECK(skipped.registration.id == id);
    auto renamed = request("ana@x.org");
    renamed.name = "Ana Silva";
    const auto updated =
        added(Registrar(store, event, k_now, OnDuplicate::update, false).add(renamed));
    CHECK(updated.kind == Outcome::Kind::updated);
    CHECK(store.find_by_id(event.id, id)->name == "Ana Silva");
}

TEST_CASE("registrar: unregistering promotes the head of the waiting list", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    const auto a = added(registrar.add(request("a@x.org"))).registration;
    const auto b = added(registrar.add(request("b@x.org"))).registration;
    registrar.add(request("c@x.org"));
    const auto promoted = registrar.cancel(a);
    REQUIRE(promoted.size() == 1);
    CHECK(promoted.front().id == b.id);
    CHECK(store.find_by_id(event.id, a.id)->status == RegistrationStatus::cancelled);
    CHECK(store.find_by_id(event.id, b.id)->status == RegistrationStatus::registered);
    CHECK(registrar.cancel(*store.find_by_id(event.id, a.id)).empty());  // already cancelled

    // A cancelled person who registers again is a new registration at the back of the
    // queue: after c, who waited first, even at the same time; one record for the address.
    const auto again = added(registrar.add(request("A@x.org")));
    CHECK(again.registration.id > a.id);
    CHECK(again.registration.status == RegistrationStatus::waitlisted);
    CHECK_FALSE(store.find_by_id(event.id, a.id));
    std::vector<std::string> queue;
    store.for_each(event.id, {.status = RegistrationStatus::waitlisted},
                   [&](const domain::Registration& r) { queue.push_back(r.email); });
    CHECK(queue == std::vector<std::string>{"c@x.org", "A@x.org"});
    CHECK(again.registration.sequence_offset == 2);  // cancelled, then signed up again
}

TEST_CASE("registrar: a raised capacity promotes in order, a newcomer queues behind",
          "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    {
        Registrar registrar(store, event, k_now, OnDuplicate::error, false);
        for (const auto* email : {"a@x.org", "b@x.org", "c@x.org", "d@x.org"}) {
            registrar.add(request(email));
        }
    }
    event.capacity = 3;
    Registrar raised(store, event, k_now, OnDuplicate::error, false);
    const auto promoted = raised.promote();
    REQUIRE(promoted.size() == 2);
    CHECK(promoted[0].email == "b@x.org");
    CHECK(promoted[1].email == "c@x.org");
    CHECK(raised.promote().empty());
    CHECK(added(raised.add(request("e@x.org"))).waitlist_position == 2);
}

TEST_CASE("registrar: free seats go to the waiting list before a newcomer", "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    {
        Registrar registrar(store, event, k_now, OnDuplicate::error, false);
        registrar.add(request("a@x.org"));
        registrar.add(request("b@x.org"));
    }
    // Seats freed without anyone moving up (as an older convene left a raised capacity).
    event.capacity = 2;
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    const auto c = added(registrar.add(request("c@x.org")));
    REQUIRE(c.promoted.size() == 1);
    CHECK(c.promoted.front().email == "b@x.org");
    CHECK(c.registration.status == RegistrationStatus::waitlisted);
    CHECK(c.waitlist_position == 1);
}

TEST_CASE("registrar refuses a cancelled event", "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, std::nullopt);
    event.status = domain::EventStatus::cancelled;
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK(refused(registrar.add(request("a@x.org"))) == Refusal::Reason::cancelled_event);
}

namespace {

// SQLite's own count of virtual-machine steps for one registration into an event that already
// holds `people` (a fifth of them seated, the rest waiting): a deterministic measure of work,
// unlike a time. Every statement of the store is prepared once and lives on the connection,
// so its counters see all the work of Registrar and store together.
struct Cost {
    long long steps{0};
    long long full_scan_steps{0};
    std::vector<std::string> statements;  // the SQL of each statement that ran
};

Cost cost_of_one_registration(int people) {
    store::Database db(":memory:");
    const auto event = make_event(db, people / 5);
    store::RegistrationStore store(db);
    {
        Registrar registrar(store, event, k_now, OnDuplicate::error, false);
        for (int i = 0; i < people; ++i) registrar.add(request(fmt::format("p{}@x.org", i)));
    }
    sqlite3* handle = store::sqlite(db).getHandle();
    for (auto* s = sqlite3_next_stmt(handle, nullptr); s; s = sqlite3_next_stmt(handle, s)) {
        sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
        sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
    }
    // What one `register` process does: seats counted, then the person added.
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK(added(registrar.add(request("new@x.org"))).registration.status ==
          RegistrationStatus::waitlisted);
    Cost cost;
    for (auto* s = sqlite3_next_stmt(handle, nullptr); s; s = sqlite3_next_stmt(handle, s)) {
        const auto steps = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0);
        cost.steps += steps;
        cost.full_scan_steps += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
        if (steps > 0) cost.statements.emplace_back(sqlite3_sql(s));
    }
    return cost;
}

// Whether SQLite's program for `sql` builds a temporary table (OpenEphemeral): a b-tree
// created, filled and dropped on every run.
bool builds_temporary_table(const std::string& sql) {
    store::Database db(":memory:");
    SQLite::Statement program(store::sqlite(db), "EXPLAIN " + sql);
    while (program.executeStep()) {
        if (program.getColumn(1).getString() == "OpenEphemeral") return true;
    }
    return false;
}

}  // namespace

TEST_CASE("registering never scans the event's registrations", "[registrar]") {
    const auto few = cost_of_one_registration(10);
    const auto many = cost_of_one_registration(3'000);
    INFO("VM steps with 10 people: " << few.steps << ", with 3000: " << many.steps);
    CHECK(few.steps > 0);
    CHECK(few.full_scan_steps == 0);
    CHECK(many.full_scan_steps == 0);
    // Seeks in a deeper B-tree are single steps: reading every row would add thousands.
    CHECK(many.steps <= few.steps + 10);
}

TEST_CASE("registering builds no temporary table", "[registrar]") {
    // An INSERT … RETURNING did, in SQLite 3.40: two fifths of a bulk import.
    const auto cost = cost_of_one_registration(10);
    REQUIRE(cost.statements.size() >= 2);
    for (const auto& sql : cost.statements) {
        INFO(sql);
        CHECK_FALSE(builds_temporary_table(sql));
    }
}

TEST_CASE("registrar: a cancellation of someone cancelled is a duplicate with skip and update",
          "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, std::nullopt);
    store::RegistrationStore store(db);
    auto cancelled = request("zoe@x.org");
    cancelled.status = RegistrationStatus::cancelled;
    const auto first =
        added(Registrar(store, event, k_now, OnDuplicate::skip, false).add(cancelled)).registration;
    CHECK(first.status == RegistrationStatus::cancelled);
    // An export read again: the same record, untouched.
    const auto skipped =
        added(Registrar(store, event, k_now + std::chrono::hours(1), OnDuplicate::skip, false)
                  .add(cancelled));
    CHECK(skipped.kind == Outcome::Kind::skipped);
    CHECK(skipped.registration.id == first.id);
    CHECK(store.find_by_id(event.id, first.id)->registered_at == first.registered_at);
    cancelled.name = "Zoë";
    const auto updated =
        added(Registrar(store, event, k_now, OnDuplicate::update, false).add(cancelled));
    CHECK(updated.kind == Outcome::Kind::updated);
    CHECK(store.find_by_id(event.id, first.id)->status == RegistrationStatus::cancelled);
    // Signing up again still renews the registration.
    const auto again =
        added(Registrar(store, event, k_now, OnDuplicate::skip, false).add(request("zoe@x.org")));
    CHECK(again.kind == Outcome::Kind::added);
    CHECK(again.registration.status == RegistrationStatus::registered);
}
