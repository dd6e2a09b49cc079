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

app::EventEdit copy_of(domain::Event wanted) {
    return [wanted](domain::Event& event, store::EventStore&) {
        const auto keep = event;
        event = wanted;
        event.id = keep.id;
        event.uid = keep.uid;
        event.sequence = keep.sequence;
        event.created_at = keep.created_at;
        event.updated_at = keep.updated_at;
    };
}

}  // namespace

TEST_CASE("a new event gets a free slug from its title and a UID", "[event_edits]") {
    store::Database db(":memory:");
    auto wanted = testing::an_event("");
    wanted.title = "Séance d'information";
    const auto first = app::create_event(db, copy_of(wanted), k_now);
    const auto second = app::create_event(db, copy_of(wanted), k_now);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->slug == "seance-d-information");
    CHECK(second->slug != first->slug);
    CHECK_FALSE(first->uid.empty());

    wanted.end = wanted.start;
    const auto refused = app::create_event(db, copy_of(wanted), k_now);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem().field == "end");
}

TEST_CASE("moving an event moves its timed agenda and raises its sequence", "[event_edits]") {
    testing::StoreWithEvent fixture;
    const auto edit_item = [](domain::AgendaItem& item, const domain::Event& event) {
        item.title = "Talk";
        item.start = event.start;
    };
    REQUIRE(app::add_agenda_item(fixture.db, "briefing", edit_item, {}, testing::k_now).ok());

    auto later = fixture.event;
    later.start += std::chrono::hours{24};
    later.end += std::chrono::hours{24};
    const auto update = app::update_event(fixture.db, "briefing", copy_of(later), k_now);
    REQUIRE(update.ok());
    CHECK(update->changed);
    CHECK(update->moved_items == 1);
    CHECK(update->after.sequence == fixture.event.sequence + 1);
    CHECK(store::AgendaStore(fixture.db).find(fixture.event.id, 1)->start == later.start);

    const auto again = app::update_event(fixture.db, "briefing", copy_of(later), k_now);
    CHECK_FALSE(again->changed);

    testing::stored(fixture.db, testing::an_event("other"));
    later.slug = "other";
    CHECK_THROWS_AS(app::update_event(fixture.db, "briefing", copy_of(later), k_now),
                    ConflictError);
}
