#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include <SQLiteCpp/Database.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/store/database.hpp"
#include "../../src/store/schema.hpp"
#include "convene/store/event_store.hpp"

using namespace convene;
namespace fs = std::filesystem;

namespace {

fs::path temp_db(const char* name) {
    auto path = fs::temp_directory_path() / (std::string("convene-") + name + "-" +
                                             std::to_string(::getpid()) + ".db");
    for (auto suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
    return path;
}

domain::Event briefing() {
    domain::Event e;
    e.slug = "imrf-briefing";
    e.uid = "1234@convene";
    e.title = "Séance d'information";
    e.timezone = "Europe/Paris";
    const auto& paris = domain::find_zone("Europe/Paris");
    e.start = domain::parse_instant("2022-04-13T15:00", paris);
    e.end = domain::parse_instant("2022-04-13T16:00", paris);
    e.languages = {"en", "fr", "es"};
    e.organisers = {"Mayors Mechanism", "CGLU"};
    e.online_url = "https://example.org/meet";
    return e;
}

}  // namespace

TEST_CASE("a new database is migrated to the current schema", "[store]") {
    store::Database db(":memory:");
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(db.handle().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    for (auto table : {"event", "event_language", "event_organiser", "agenda_item",
                       "agenda_speaker", "agenda_point", "registration", "registration_field"}) {
        INFO(table);
        CHECK(db.handle().tableExists(table));
    }
}

TEST_CASE("a database file is private, in WAL mode, and reopens without migrating", "[store]") {
    const auto path = temp_db("file");
    {
        store::Database db(path);
        CHECK(db.handle().execAndGet("PRAGMA journal_mode").getString() == "wal");
    }
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    store::Database again(path);
    CHECK(again.schema_version() == store::k_schema_version);
    fs::remove(path);
}

TEST_CASE("a database from a newer convene is refused and left untouched", "[store]") {
    const auto path = temp_db("newer");
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA user_version = 99");
    }
    const auto size_before = fs::file_size(path);
    try {
        store::Database db(path);
        FAIL("expected a StorageError");
    } catch (const StorageError& e) {
        CHECK(e.code() == ExitCode::storage);
        CHECK(std::string(e.what()).find("newer convene") != std::string::npos);
    }
    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 99);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() != "wal");
    CHECK(fs::file_size(path) == size_before);
    fs::remove(path);
}

TEST_CASE("a version 1 database gains the events' locale, English for existing events",
          "[store]") {
    const auto path = temp_db("v1");
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec(std::string(store::k_migrations[0]));
        raw.exec("INSERT INTO event (slug, uid, title, timezone, start_utc, end_utc, created_at, "
                 "updated_at) VALUES ('old', 'old@convene', 'Old', 'UTC', 0, 60, 0, 0)");
        raw.exec("PRAGMA user_version = 1");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(store::EventStore(db).get("old").locale == "en");
    fs::remove(path);
}

TEST_CASE("a file that is not a database is a storage error", "[store]") {
    const auto path = temp_db("garbage");
    { std::FILE* f = std::fopen(path.c_str(), "w"); std::fputs(std::string(4096, 'x').c_str(), f); std::fclose(f); }
    try {
        store::Database db(path);
        FAIL("expected an error");
    } catch (const SQLite::Exception& e) {
        CHECK(store::exit_code_for(e) == ExitCode::storage);
    }
    fs::remove(path);
}

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
    CHECK_FALSE(loaded.capacity);
    CHECK(events.get(std::to_string(event.id)).slug == "imrf-briefing");
    CHECK_THROWS_AS(events.get("nope"), NotFoundError);
    CHECK_THROWS_AS(events.insert(event), ConflictError);
    CHECK(events.free_slug("imrf-briefing") == "imrf-briefing-2");
}

TEST_CASE("all-day events, updates and the start order", "[store]") {
    store::Database db(":memory:");
    store::EventStore events(db);
    auto parent = briefing();
    parent.slug = "peer-learning";
    parent.uid = "p@convene";
    parent.all_day = true;
    parent.start_date = domain::parse_date("2022-04-11");
    parent.end_date = domain::parse_date("2022-04-13");
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
