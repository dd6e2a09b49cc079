#include <chrono>

#include <catch2/catch.hpp>

#include "convene/app/agenda.hpp"
#include "convene/app/event_changes.hpp"
#include "convene/app/registrar.hpp"
#include "convene/domain/agenda_input.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using testing::k_now;

namespace {

void register_person(testing::StoreWithEvent& fixture, std::string email) {
    store::RegistrationStore registrations(fixture.db);
    app::Registrar registrar(registrations, fixture.event, k_now, app::OnDuplicate::error, false);
    domain::RegistrationRequest request;
    request.name = "Person";
    request.email = std::move(email);
    registrar.add(request);
}

// An item of ten minutes; `start` as the flags write it ("+2h" from the event's start).
domain::AgendaItemInput titled(std::string title, std::optional<std::string> start = {}) {
    domain::AgendaItemInput input;
    input.title = std::move(title);
    input.start = std::move(start);
    input.duration = "10m";
    return input;
}

}  // namespace

TEST_CASE("cancelling raises the sequence once", "[event_changes]") {
    testing::StoreWithEvent fixture;
    const auto first = app::cancel_event(fixture.db, "briefing", k_now);
    CHECK_FALSE(first.already_cancelled);
    CHECK(first.event.sequence == fixture.event.sequence + 1);
    const auto second = app::cancel_event(fixture.db, "briefing", k_now);
    CHECK(second.already_cancelled);
    CHECK(store::EventStore(fixture.db).get("briefing").sequence == first.event.sequence);
}

TEST_CASE("deleting removes the event", "[event_changes]") {
    testing::StoreWithEvent fixture;
    CHECK(app::delete_event(fixture.db, "briefing").slug == "briefing");
    CHECK_THROWS_AS(store::EventStore(fixture.db).get("briefing"), NotFoundError);
}

TEST_CASE("the first arrival counts and undo clears it", "[event_changes]") {
    testing::StoreWithEvent fixture;
    register_person(fixture, "ana@x.org");
    const auto later = k_now + std::chrono::minutes{5};

    CHECK(app::check_in(fixture.db, "briefing", "ana@x.org", true, k_now).outcome ==
          app::CheckIn::was_not_checked);
    const auto arrived = app::check_in(fixture.db, "briefing", "ana@x.org", false, k_now);
    CHECK(arrived.outcome == app::CheckIn::recorded);
    CHECK(arrived.registration.checked_in_at == k_now);
    const auto again = app::check_in(fixture.db, "briefing", "ana@x.org", false, later);
    CHECK(again.outcome == app::CheckIn::already);
    CHECK(again.registration.checked_in_at == k_now);
    CHECK(app::check_in(fixture.db, "briefing", "ana@x.org", true, later).outcome ==
          app::CheckIn::cleared);
    CHECK_FALSE(store::RegistrationStore(fixture.db)
                    .get(fixture.event.id, "ana@x.org")
                    .checked_in_at.has_value());
}

TEST_CASE("agenda workflows keep positions and name bad ones", "[event_changes][agenda]") {
    testing::StoreWithEvent fixture;
    CHECK(app::add_agenda_item(fixture.db, "briefing", titled("B"), {}, k_now)->item.position == 1);
    CHECK((*app::add_agenda_item(fixture.db, "briefing", titled("A"), {.position = 1, .key = {}},
                                 k_now))
              .item.position == 1);
    const auto beyond = app::add_agenda_item(fixture.db, "briefing", titled("Z"),
                                             {.position = 4, .key = {}}, k_now);
    REQUIRE_FALSE(beyond.ok());
    CHECK(beyond.problem().field == "position");
    CHECK(beyond.problem().hint == "give a position from 1 to 3");

    REQUIRE(app::move_agenda_item(fixture.db, "briefing", 1, 2).ok());
    CHECK(app::move_agenda_item(fixture.db, "briefing", 1, 3).problem().field == "to");
    CHECK(store::AgendaStore(fixture.db).find(fixture.event.id, 1)->title == "B");

    CHECK(app::remove_agenda_item(fixture.db, "briefing", 1).item.title == "B");
    CHECK_THROWS_AS(app::remove_agenda_item(fixture.db, "briefing", 2), NotFoundError);
}

TEST_CASE("a timed change to an item raises the event's sequence", "[event_changes][agenda]") {
    testing::StoreWithEvent fixture;
    REQUIRE(app::add_agenda_item(fixture.db, "briefing", titled("Talk", "+0m"), {}, k_now).ok());
    const auto same =
        app::update_agenda_item(fixture.db, "briefing", 1, titled("Talk", "+0m"), k_now);
    REQUIRE(same.ok());
    CHECK_FALSE(same->changed);
    CHECK(same->event.sequence == fixture.event.sequence);

    const auto moved =
        app::update_agenda_item(fixture.db, "briefing", 1, titled("Talk", "+2h"), k_now);
    REQUIRE(moved.ok());
    CHECK(moved->changed);
    CHECK(moved->event.sequence == fixture.event.sequence + 1);
    CHECK(moved->item.start == fixture.event.start + std::chrono::hours{2});
    // Two hours after the start of a one-hour event: the item ends after it.
    CHECK(moved->timing_warnings.size() == 1);
}

TEST_CASE("an item the rules refuse is a problem and nothing is written",
          "[event_changes][agenda]") {
    testing::StoreWithEvent fixture;
    const auto untitled = app::add_agenda_item(fixture.db, "briefing", {}, {}, k_now);
    REQUIRE_FALSE(untitled.ok());
    CHECK(untitled.problem().field == "title");
    REQUIRE(app::add_agenda_item(fixture.db, "briefing", titled("Talk"), {}, k_now).ok());
    const auto soon =
        app::update_agenda_item(fixture.db, "briefing", 1, titled("Talk", "soon"), k_now);
    REQUIRE_FALSE(soon.ok());
    CHECK(soon.problem().field == "start");
    CHECK_FALSE(store::AgendaStore(fixture.db).find(fixture.event.id, 1)->start);
}

TEST_CASE("add-agenda-item with a key the event has changes that item", "[event_changes][agenda]") {
    testing::StoreWithEvent fixture;
    const app::NewItem keyed{std::nullopt, "welcome"};
    REQUIRE(app::add_agenda_item(fixture.db, "briefing", titled("Other"), {}, k_now).ok());
    REQUIRE(app::add_agenda_item(fixture.db, "briefing", titled("Welcome"), keyed, k_now).ok());
    domain::AgendaItemInput longer;
    longer.duration = "20m";
    const auto again = app::add_agenda_item(fixture.db, "briefing", longer,
                                            {.position = 1, .key = "welcome"}, k_now);
    REQUIRE(again.ok());
    CHECK(again->item.title == "Welcome");
    CHECK(again->item.position == 1);
    CHECK(again->item.duration == std::chrono::minutes{20});
    CHECK(store::AgendaStore(fixture.db).count(fixture.event.id) == 2);
}
