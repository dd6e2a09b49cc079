#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "convene/app/registrar.hpp"
#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using app::OnDuplicate;
using app::Outcome;
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

}  // namespace

TEST_CASE("registrar seats people up to the capacity, then waitlists", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 2);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK(registrar.add(request("a@x.org")).registration.status == RegistrationStatus::registered);
    CHECK(registrar.add(request("b@x.org")).registration.status == RegistrationStatus::registered);
    const auto c = registrar.add(request("c@x.org"));
    CHECK(c.registration.status == RegistrationStatus::waitlisted);
    CHECK(c.waitlist_position == 1);
    CHECK(registrar.add(request("d@x.org")).waitlist_position == 2);

    Registrar strict(store, event, k_now, OnDuplicate::error, true);
    CHECK_THROWS_AS(strict.add(request("e@x.org")), ConflictError);
}

TEST_CASE("registrar handles duplicates per policy", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, std::nullopt);
    store::RegistrationStore store(db);
    const auto id = Registrar(store, event, k_now, OnDuplicate::error, false)
                        .add(request("ana@x.org")).registration.id;
    Registrar strict(store, event, k_now, OnDuplicate::error, false);
    CHECK_THROWS_AS(strict.add(request("ANA@x.org")), ConflictError);
    const auto skipped =
        Registrar(store, event, k_now, OnDuplicate::skip, false).add(request("Ana@x.org"));
    CHECK(skipped.kind == Outcome::Kind::skipped);
    CHECK(skipped.registration.id == id);
    auto renamed = request("ana@x.org");
    renamed.name = "Ana Silva";
    const auto updated = Registrar(store, event, k_now, OnDuplicate::update, false).add(renamed);
    CHECK(updated.kind == Outcome::Kind::updated);
    CHECK(store.find_by_id(event.id, id)->name == "Ana Silva");
}

TEST_CASE("registrar: unregistering promotes the head of the waiting list", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    const auto a = registrar.add(request("a@x.org")).registration;
    const auto b = registrar.add(request("b@x.org")).registration;
    registrar.add(request("c@x.org"));
    const auto promoted = registrar.cancel(a);
    REQUIRE(promoted.size() == 1);
    CHECK(promoted.front().id == b.id);
    CHECK(store.find_by_id(event.id, a.id)->status == RegistrationStatus::cancelled);
    CHECK(store.find_by_id(event.id, b.id)->status == RegistrationStatus::registered);
    CHECK(registrar.cancel(*store.find_by_id(event.id, a.id)).empty());  // already cancelled

    // A cancelled person who registers again gets the same record, at the back of the queue.
    const auto again = registrar.add(request("A@x.org"));
    CHECK(again.registration.id == a.id);
    CHECK(again.registration.status == RegistrationStatus::waitlisted);
}

TEST_CASE("registrar refuses a cancelled event", "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, std::nullopt);
    event.status = domain::EventStatus::cancelled;
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK_THROWS_AS(registrar.add(request("a@x.org")), ConflictError);
}
