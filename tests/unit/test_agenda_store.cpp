#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "testing.hpp"

using namespace convene;
using namespace std::chrono_literals;

namespace {

// The event's agenda in a fresh database.
struct Fixture : testing::StoreWithEvent {
    store::EventStore events{db};
    store::AgendaStore agenda{db};
    std::int64_t event_id{event.id};

    int add(const std::string& title, int position = 0) {
        domain::AgendaItem item;
        item.event_id = event_id;
        item.title = title;
        item.position = position;
        return agenda.insert(item);
    }

    // Titles in stored order, checking that positions run 1..n.
    std::vector<std::string> titles() {
        std::vector<std::string> result;
        for (const auto& item : agenda.list(event_id)) {
            CHECK(item.position == static_cast<int>(result.size()) + 1);
            result.push_back(item.title);
        }
        return result;
    }
};

using Titles = std::vector<std::string>;

}  // namespace

TEST_CASE("items append, or insert and push the later ones down", "[agenda_store]") {
    Fixture f;
    CHECK(f.add("A") == 1);
    CHECK(f.add("C") == 2);
    CHECK(f.add("B", 2) == 2);
    CHECK(f.add("First", 1) == 1);
    CHECK(f.add("Last", 5) == 5);
    CHECK(f.titles() == Titles{"First", "A", "B", "C", "Last"});
    CHECK(f.agenda.count(f.event_id) == 5);
    CHECK_THROWS_AS(f.add("Too far", 7), std::out_of_range);
    CHECK(f.agenda.count(f.event_id) == 5);
}

TEST_CASE("moving an item shifts the ones between, both ways", "[agenda_store]") {
    Fixture f;
    for (const auto* title : {"1", "2", "3", "4", "5"}) f.add(title);
    f.agenda.move(f.event_id, 1, 4);
    CHECK(f.titles() == Titles{"2", "3", "4", "1", "5"});
    f.agenda.move(f.event_id, 5, 2);
    CHECK(f.titles() == Titles{"2", "5", "3", "4", "1"});
    f.agenda.move(f.event_id, 3, 3);
    CHECK(f.titles() == Titles{"2", "5", "3", "4", "1"});
    CHECK_THROWS_AS(f.agenda.move(f.event_id, 1, 6), std::out_of_range);
    CHECK_THROWS_AS(f.agenda.move(f.event_id, 9, 1), std::out_of_range);
}

TEST_CASE("removing an item closes the gap", "[agenda_store]") {
    Fixture f;
    for (const auto* title : {"1", "2", "3", "4"}) f.add(title);
    f.agenda.remove(f.event_id, 2);
    CHECK(f.titles() == Titles{"1", "3", "4"});
    f.agenda.remove(f.event_id, 3);
    CHECK(f.titles() == Titles{"1", "3"});
    f.agenda.remove(f.event_id, 1);
    CHECK(f.titles() == Titles{"3"});
    CHECK_THROWS_AS(f.agenda.remove(f.event_id, 2), std::out_of_range);
    f.agenda.remove(f.event_id, 1);
    CHECK(f.agenda.list(f.event_id).empty());
}

TEST_CASE("speakers, points and times round-trip in order", "[agenda_store]") {
    Fixture f;
    f.add("Détails techniques");
    domain::AgendaItem item;
    item.event_id = f.event_id;
    item.title = "La route vers l'IMRF";
    item.kind = "talk";
    item.description = "Questions directrices :";
    item.start = *domain::parse_instant("2022-04-13T15:10", domain::known_zone("Europe/Paris"));
    item.duration = 20min;
    item.speakers = {{"Monami Maulik", "Stakeholder Liaison Officer",
                      "Réseau des Nations Unies sur la migration"},
                     {"Sophie van Haasen", "Coordinatrice", "GFMD Mayors Mechanism"}};
    item.points = {"Première ?", "Deuxième ?", "Troisième ?"};
    CHECK(f.agenda.insert(item) == 2);

    auto stored = f.agenda.find(f.event_id, 2);
    REQUIRE(stored);
    CHECK(stored->title == item.title);
    CHECK(stored->kind == "talk");
    CHECK(stored->description == item.description);
    CHECK(stored->start == item.start);
    CHECK(stored->duration == item.duration);
    REQUIRE(stored->speakers.size() == 2);
    CHECK(stored->speakers[1].name == "Sophie van Haasen");
    CHECK(stored->speakers[0].organisation == "Réseau des Nations Unies sur la migration");
    CHECK(stored->points == item.points);
    CHECK(f.agenda.find(f.event_id, 1)->speakers.empty());
    CHECK_FALSE(f.agenda.find(f.event_id, 3));

    // Moving keeps children with their item; updating replaces them.
    f.agenda.move(f.event_id, 2, 1);
    stored = f.agenda.find(f.event_id, 1);
    CHECK(stored->speakers.size() == 2);
    stored->speakers.pop_back();
    stored->points = {"Une seule ?"};
    stored->start.reset();
    f.agenda.update(*stored);
    const auto updated = f.agenda.find(f.event_id, 1);
    CHECK(updated->speakers.size() == 1);
    CHECK(updated->points == std::vector<std::string>{"Une seule ?"});
    CHECK_FALSE(updated->start);
    CHECK(updated->position == 1);
}

TEST_CASE("agendas of different events do not mix", "[agenda_store]") {
    Fixture f;
    domain::Event other = f.events.get("briefing");
    other.slug = "other";
    other.uid = "uid-2@test";
    const auto other_id = f.events.insert(other);
    f.add("Mine");
    domain::AgendaItem item;
    item.event_id = other_id;
    item.title = "Theirs";
    CHECK(f.agenda.insert(item) == 1);
    f.agenda.remove(f.event_id, 1);
    CHECK(f.agenda.count(other_id) == 1);
    CHECK(f.agenda.list(other_id).front().title == "Theirs");
}

TEST_CASE("the speakers of every session of a parent, each person once per session",
          "[agenda_store]") {
    Fixture f;
    auto child = [&](const char* slug) {
        auto event = testing::an_event(slug);
        event.parent_id = f.event_id;
        return testing::stored(f.db, event).id;
    };
    const auto first = child("first");
    const auto second = child("second");
    child("silent");
    auto add_item = [&](std::int64_t event_id, std::vector<domain::Speaker> speakers) {
        domain::AgendaItem item;
        item.event_id = event_id;
        item.title = "Item";
        item.speakers = std::move(speakers);
        f.agenda.insert(item);
    };
    add_item(first, {{"Ana Silva", "Chair", "IOM"}, {"Bo Chen", "", ""}});
    add_item(first, {{"Ana Silva", "", ""}, {"Cai Diaz", "", "Dakar"}});
    add_item(second, {{"Bo Chen", "", "Lyon"}});
    add_item(f.event_id, {{"Not a session's", "", ""}});  // the parent's own agenda
    const auto speakers = f.agenda.session_speakers(f.event_id);
    CHECK(speakers.size() == 2);
    CHECK(speakers.at(first) == std::vector<domain::Speaker>{{"Ana Silva", "Chair", "IOM"},
                                                             {"Bo Chen", "", ""},
                                                             {"Cai Diaz", "", "Dakar"}});
    CHECK(speakers.at(second) == std::vector<domain::Speaker>{{"Bo Chen", "", "Lyon"}});
    CHECK(f.agenda.session_speakers(first).empty());
}
