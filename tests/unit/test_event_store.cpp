#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/store/event_store.hpp"

using namespace convene;

namespace {

domain::Event briefing() {
    domain::Event e;
    e.slug = "imrf-briefing";
    e.uid = "1234@convene";
    e.title = "Séance d'information";
    e.timezone = "Europe/Paris";
    const auto& paris = domain::known_zone("Europe/Paris");
    e.start = *domain::parse_instant("2022-04-13T15:00", paris);
    e.end = *domain::parse_instant("2022-04-13T16:00", paris);
    e.languages = {"en", "fr", "es"};
    e.organisers = {{"Mayors Mechanism", domain::OrganiserRole::co_lead},
                    {"CGLU", domain::OrganiserRole::none}};
    e.online_url = "https://example.org/meet";
    return e;
}

}  // namespace

TEST_CASE("events round-trip through the store", "[store]") {
    store::Database db(":memory:");
    store::EventStore events(db);
    auto event = briefing();
    event.id = events.insert(event);
    const auto loaded = events.get("imrf-briefing");
    CHECK(loaded.id == event.id);
    CHECK(loaded.title == event.title);
    CHECK(loaded.start == event.start);
    CHECK(loaded.end == event.end);
    CHECK(loaded.languages == event.languages);
    CHECK(loaded.organisers == event.organisers);
    CHECK(loaded.online_url == event.online_url);
    CHECK(loaded.track.empty());
    CHECK(loaded.tracks.empty());
    CHECK_FALSE(loaded.capacity);
    CHECK(events.get(std::to_string(event.id)).slug == "imrf-briefing");
    CHECK_THROWS_AS(events.get("nope"), NotFoundError);
    CHECK_THROWS_AS(events.insert(event), ConflictError);
    CHECK(events.free_slug("imrf-briefing") == "imrf-briefing-2");
}

TEST_CASE("a session's track, type and room and a parent's tracks round-trip", "[store]") {
    store::Database db(":memory:");
    store::EventStore events(db);
    auto event = briefing();
    event.track = "Migration";
    event.session_type = "workshop";
    event.room = "Salle 2";
    event.tracks = {{"Migration", "#1f77b4"}, {"Cities and climate", ""}};
    event.id = events.insert(event);
    auto loaded = events.get("imrf-briefing");
    CHECK(loaded.track == "Migration");
    CHECK(loaded.session_type == "workshop");
    CHECK(loaded.room == "Salle 2");
    CHECK(loaded.tracks == event.tracks);

    loaded.tracks = {{"Climate", "#2ca02c"}};
    loaded.room.clear();
    events.update(loaded);
    const auto updated = events.get("imrf-briefing");
    CHECK(updated.tracks == std::vector<domain::Track>{{"Climate", "#2ca02c"}});
    CHECK(updated.room.empty());
    CHECK(updated.track == "Migration");
}

TEST_CASE("all-day events, updates and the start order", "[store]") {
    store::Database db(":memory:");
    store::EventStore events(db);
    auto parent = briefing();
    parent.slug = "peer-learning";
    parent.uid = "p@convene";
    parent.all_day = true;
    parent.start_date = *domain::parse_date("2022-04-11");
    parent.end_date = *domain::parse_date("2022-04-13");
    parent.id = events.insert(parent);
    auto child = briefing();
    child.parent_id = parent.id;
    child.id = events.insert(child);

    child.languages = {"fr"};
    child.capacity = 50;
    child.sequence = 1;
    child.locale = "fr";
    events.update(child);
    auto loaded = events.get("imrf-briefing");
    CHECK(loaded.languages == std::vector<std::string>{"fr"});
    CHECK(loaded.locale == "fr");
    CHECK(events.get("peer-learning").locale == "en");
    const auto sessions = events.children(parent.id);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].slug == "imrf-briefing");
    CHECK(events.children(child.id).empty());
    CHECK(loaded.capacity == 50);
    CHECK(loaded.parent_id == parent.id);
    CHECK(events.get("peer-learning").start_date == parent.start_date);

    std::vector<std::string> order;
    events.for_each([&](const domain::Event& e) { order.push_back(e.slug); });
    CHECK(order == std::vector<std::string>{"peer-learning", "imrf-briefing"});

    // Deleting the parent keeps the child, detached.
    events.remove(parent.id);
    CHECK_FALSE(events.get("imrf-briefing").parent_id);
}

TEST_CASE("a parent chain that would loop is detected", "[store]") {
    store::Database db(":memory:");
    store::EventStore events(db);
    auto make = [&](const char* slug, std::optional<std::int64_t> parent) {
        auto e = briefing();
        e.slug = slug;
        e.uid = std::string(slug) + "@convene";
        e.parent_id = parent;
        return events.insert(e);
    };
    const auto conference = make("conference", std::nullopt);
    const auto day = make("day-1", conference);
    const auto session = make("session", day);
    const auto other = make("other", std::nullopt);
    CHECK(events.would_cycle(conference, session));  // conference under its own session
    CHECK(events.would_cycle(day, day));
    CHECK_FALSE(events.would_cycle(session, conference));
    CHECK_FALSE(events.would_cycle(conference, other));
}
