#include <chrono>

#include <catch2/catch.hpp>

#include "convene/app/agenda.hpp"
#include "convene/app/event_edits.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "testing.hpp"

using namespace convene;
using testing::k_now;

namespace {

const domain::EventDefaults k_defaults{"UTC", "en"};

// A one-hour event on 2022-04-13 at 15:00 UTC, as create-event's flags give it.
domain::EventInput briefing(std::string title = "Briefing") {
    domain::EventInput input;
    input.title = std::move(title);
    input.times.start = "2022-04-13T15:00";
    input.times.duration = "1h";
    return input;
}

}  // namespace

TEST_CASE("a new event gets a free slug from its title and a UID", "[event_edits]") {
    store::Database db(":memory:");
    const auto first = app::create_event(db, briefing("Séance d'information"), k_defaults, k_now);
    const auto second = app::create_event(db, briefing("Séance d'information"), k_defaults, k_now);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->slug == "seance-d-information");
    CHECK(second->slug != first->slug);
    CHECK_FALSE(first->uid.empty());
    CHECK(first->locale == "en");

    auto backwards = briefing();
    backwards.times.duration.reset();
    backwards.times.end = "14:00";
    const auto refused = app::create_event(db, backwards, k_defaults, k_now);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem().field == "end");
}

TEST_CASE("moving an event moves its timed agenda and raises its sequence", "[event_edits]") {
    testing::StoreWithEvent fixture;
    domain::AgendaItemInput talk;
    talk.title = "Talk";
    talk.start = "+0m";
    REQUIRE(app::add_agenda_item(fixture.db, "briefing", talk, {}, testing::k_now).ok());

    domain::EventInput later;
    later.times.start = domain::format_utc(fixture.event.start + std::chrono::hours{24});
    const auto update = app::update_event(fixture.db, "briefing", later, k_defaults, k_now);
    REQUIRE(update.ok());
    CHECK(update->changed);
    CHECK(update->moved_items == 1);
    CHECK(update->after.sequence == fixture.event.sequence + 1);
    CHECK(update->after.end - update->after.start == std::chrono::hours{1});
    CHECK(store::AgendaStore(fixture.db).find(fixture.event.id, 1)->start == update->after.start);

    const auto again = app::update_event(fixture.db, "briefing", later, k_defaults, k_now);
    CHECK_FALSE(again->changed);

    testing::stored(fixture.db, testing::an_event("other"));
    domain::EventInput renamed;
    renamed.slug = "other";
    CHECK_THROWS_AS(app::update_event(fixture.db, "briefing", renamed, k_defaults, k_now),
                    ConflictError);
}

TEST_CASE("the parent is looked up once: missing is not found, a loop is refused",
          "[event_edits]") {
    testing::StoreWithEvent fixture;
    auto child = briefing("Session");
    child.parent = "briefing";
    const auto session = app::create_event(fixture.db, child, k_defaults, k_now);
    REQUIRE(session.ok());
    CHECK(session->parent_id == fixture.event.id);

    child.parent = "brefing";
    const auto missing = app::create_event(fixture.db, child, k_defaults, k_now);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.problem().field == "parent");
    CHECK(missing.problem().not_found);
    CHECK(missing.problem().hint == "did you mean 'briefing'?");

    domain::EventInput loop;
    loop.parent = "session";
    const auto refused = app::update_event(fixture.db, "briefing", loop, k_defaults, k_now);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem().field == "parent");
    CHECK_FALSE(refused.problem().not_found);
    CHECK(refused.problem().message ==
          "'briefing' cannot be part of 'session', which is part of it");

    domain::EventInput detach;
    detach.no_parent = true;
    const auto detached = app::update_event(fixture.db, "session", detach, k_defaults, k_now);
    REQUIRE(detached.ok());
    CHECK_FALSE(detached->after.parent_id);
}

TEST_CASE("create or update by slug: created once, then given fields change", "[event_edits]") {
    store::Database db(":memory:");
    auto input = briefing();
    input.slug = "briefing";
    input.capacity = 10;
    const auto created = app::create_or_update_event(db, input, {"Europe/Paris", "fr"}, k_now);
    REQUIRE(created.ok());
    CHECK(created->created);
    CHECK(created->after.timezone == "Europe/Paris");
    CHECK(created->after.locale == "fr");

    domain::EventInput venue;
    venue.title = "Briefing";
    venue.venue = "Genève";
    const auto updated = app::create_or_update_event(db, venue, k_defaults, k_now);
    REQUIRE(updated.ok());
    CHECK_FALSE(updated->created);
    CHECK(updated->changed);
    CHECK(updated->after.capacity == 10);  // left out: kept
    CHECK(updated->after.locale == "fr");  // an existing event keeps its own
    CHECK(updated->after.venue == "Genève");
}
