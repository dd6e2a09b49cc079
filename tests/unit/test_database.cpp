#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>

#include <SQLiteCpp/Database.h>

#include "convene/error.hpp"
#include "convene/store/database.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/registration_store.hpp"
#include "sqlite_handle.hpp"
#include "store/schema.hpp"
#include "store/sql.hpp"
#include "testing.hpp"

using namespace convene;
namespace fs = std::filesystem;

namespace {

// A database file as convene left it at schema `version`, for a migration test to fill.
SQLite::Database database_at_version(const fs::path& path, std::size_t version) {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (std::size_t i = 0; i < version; ++i) raw.exec(std::string(store::k_migrations[i]));
    raw.exec("PRAGMA user_version = " + std::to_string(version));
    return raw;
}

}  // namespace

TEST_CASE("a new database is migrated to the current schema", "[store]") {
    store::Database db(":memory:");
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(store::sqlite(db).execAndGet("PRAGMA foreign_keys").getInt() == 1);
    for (auto table : {"event", "event_language", "event_organiser", "agenda_item",
                       "agenda_speaker", "agenda_point", "registration", "event_field_name",
                       "registration_count", "sent_message", "attendee_reply"}) {
        INFO(table);
        CHECK(store::sqlite(db).tableExists(table));
    }
}

TEST_CASE("migrating to version 2 counts the registrations already there", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v1.db";
    {
        // A version 1 database, as the first migration alone leaves it.
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec(std::string(store::k_migrations[0]));
        raw.exec("PRAGMA user_version = 1");
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (7, 'e', 'e@x', 'E', 'UTC', 0, 60, 0, 0);
            INSERT INTO registration (event_id, name, email, email_key, status, registered_at)
            VALUES (7, 'A', 'a@x.org', 'a@x.org', 'registered', 1),
                   (7, 'B', 'b@x.org', 'b@x.org', 'registered', 2),
                   (7, 'C', 'c@x.org', 'c@x.org', 'waitlisted', 3))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(store::sqlite(db)
              .execAndGet("SELECT n FROM registration_count WHERE event_id = 7 AND "
                          "status = 'registered'")
              .getInt() == 2);
    CHECK(store::sqlite(db)
              .execAndGet("SELECT n FROM registration_count WHERE event_id = 7 AND "
                          "status = 'waitlisted'")
              .getInt() == 1);
}

TEST_CASE("migrating to version 3 adds an empty ledger and keeps the counts", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v2.db";
    {
        // A version 2 database, as main's two migrations leave it, with one registration.
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec(std::string(store::k_migrations[0]));
        raw.exec(std::string(store::k_migrations[1]));
        raw.exec("PRAGMA user_version = 2");
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (7, 'e', 'e@x', 'E', 'UTC', 0, 60, 0, 0);
            INSERT INTO registration (event_id, name, email, email_key, status, registered_at)
            VALUES (7, 'A', 'a@x.org', 'a@x.org', 'registered', 1))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(store::sqlite(db).execAndGet("SELECT count(*) FROM sent_message").getInt() == 0);
    CHECK(store::sqlite(db).execAndGet("SELECT count(*) FROM attendee_reply").getInt() == 0);
    CHECK(store::sqlite(db)
              .execAndGet("SELECT n FROM registration_count WHERE event_id = 7")
              .getInt() == 1);
}

TEST_CASE("a database file is private, in WAL mode, and reopens without migrating", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "file.db";
    {
        store::Database db(path);
        CHECK(store::sqlite(db).execAndGet("PRAGMA journal_mode").getString() == "wal");
    }
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    store::Database again(path);
    CHECK(again.schema_version() == store::k_schema_version);
}

TEST_CASE("a database from a newer convene is refused and left untouched", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "newer.db";
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
}

TEST_CASE("an older database gains the events' locale, English for existing events", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v1.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec(std::string(store::k_migrations[0]));
        raw.exec(
            "INSERT INTO event (slug, uid, title, timezone, start_utc, end_utc, created_at, "
            "updated_at) VALUES ('old', 'old@convene', 'Old', 'UTC', 0, 60, 0, 0)");
        raw.exec("PRAGMA user_version = 1");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(store::EventStore(db).get("old").locale == "en");
}

TEST_CASE("a file that is not a database is a storage error", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "garbage.db";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        std::fputs(std::string(4096, 'x').c_str(), f);
        std::fclose(f);
    }
    try {
        store::Database db(path);
        FAIL("expected an error");
    } catch (const StorageError& e) {
        CHECK(e.code() == ExitCode::storage);
        CHECK(std::string(e.what()).starts_with("the database is damaged: "));
    }
}

TEST_CASE("SQLite's errors leave the connection as convene's", "[store]") {
    store::Database db(":memory:");
    auto& connection = db.connection();
    connection.execute("CREATE TEMP TABLE t (x INTEGER NOT NULL)");
    // A constraint: no exit code of its own, run_app weighs it with `db check`.
    CHECK_THROWS_AS(connection.execute("INSERT INTO t VALUES (NULL)"), store::RefusedWrite);
    auto insert = connection.prepare("INSERT INTO t VALUES (?)");
    insert->bind_null(1);
    CHECK_THROWS_AS(insert->run(), store::RefusedWrite);
    // SQL convene would never write: the engine's own words, a bug.
    try {
        connection.prepare("SELECT x FROM nowhere");
        FAIL("expected an error");
    } catch (const store::RefusedWrite&) {
        FAIL("not a refused write");
    } catch (const store::EngineError& e) {
        CHECK(std::string(e.what()) == "no such table: nowhere");
    }
}

TEST_CASE("migrating to version 5 rebuilds registration and keeps rows, fields and counts",
          "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v4.db";
    {
        // A version 4 database, as the first four migrations leave it.
        auto raw = database_at_version(path, 4);
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (7, 'e', 'e@x', 'E', 'UTC', 0, 60, 0, 0);
            INSERT INTO registration (id, event_id, name, email, email_key, organisation,
                                      language, status, registered_at, checked_in_at)
            VALUES (3, 7, 'A', 'A@x.org', 'a@x.org', 'O', 'fr', 'registered', 1, 5),
                   (4, 7, 'B', 'b@x.org', 'b@x.org', '', '', 'waitlisted', 2, NULL);
            INSERT INTO registration_field (registration_id, position, key, value)
            VALUES (3, 1, 'diet', 'vegan'))sql");
    }
    store::Database db(path);
    auto& sql = store::sqlite(db);
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(sql.execAndGet("SELECT group_concat(id || name || email || email_key || organisation || "
                         "language || status || registered_at || ifnull(checked_in_at, '-'), "
                         "' ') FROM registration")
              .getString() == "3AA@x.orga@x.orgOfrregistered15 4Bb@x.orgb@x.orgwaitlisted2-");
    // The fields moved into the row at version 12.
    CHECK(sql.execAndGet("SELECT fields FROM registration WHERE id = 3").getString() ==
          R"([["diet","vegan"]])");
    // The triggers came back with the table, and the status rule with it.
    sql.exec(
        "INSERT INTO registration (event_id, name, email, email_key, registered_at) "
        "VALUES (7, 'C', 'c@x.org', 'c@x.org', 3)");
    CHECK(sql.execAndGet("SELECT n FROM registration_count WHERE event_id = 7 AND "
                         "status = 'registered'")
              .getInt() == 2);
    CHECK_THROWS(sql.exec("UPDATE registration SET status = 'maybe' WHERE id = 3"));
    // The point of the rebuild: no temporary table for the status check on each INSERT.
    SQLite::Statement program(sql,
                              "EXPLAIN INSERT INTO registration (event_id, name, email, "
                              "email_key, registered_at) VALUES (7, 'D', 'd', 'd', 4)");
    bool ephemeral = false;
    while (program.executeStep()) ephemeral |= program.getColumn(1).getString() == "OpenEphemeral";
    CHECK_FALSE(ephemeral);
}

TEST_CASE("migrating to version 7 keeps registrations, their time in a meeting unknown",
          "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v6.db";
    {
        auto raw = database_at_version(path, 6);
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (7, 'e', 'e@x', 'E', 'UTC', 0, 60, 0, 0);
            INSERT INTO registration (id, event_id, name, email, email_key, status,
                                      registered_at, checked_in_at)
            VALUES (3, 7, 'A', 'a@x.org', 'a@x.org', 'registered', 1, 5))sql");
    }
    store::Database db(path);
    auto& sql = store::sqlite(db);
    CHECK(db.schema_version() == store::k_schema_version);
    CHECK(sql.execAndGet("SELECT ifnull(attended_seconds, -1) || ' ' || checked_in_at "
                         "FROM registration WHERE id = 3")
              .getString() == "-1 5");
}

TEST_CASE("migrating to version 8 gives events no track, type, room or declared tracks",
          "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v7.db";
    {
        auto raw = database_at_version(path, 7);
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at, venue) VALUES (7, 'e', 'e@x', 'E', 'UTC', 0, 60, 0, 0,
                               'Hall'))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    const auto event = store::EventStore(db).get("e");
    CHECK(event.venue == "Hall");
    CHECK(event.track.empty());
    CHECK(event.session_type.empty());
    CHECK(event.room.empty());
    CHECK(event.tracks.empty());
}

TEST_CASE("migrating to version 9 gives events no join link and the ledger no reminders",
          "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v8.db";
    {
        auto raw = database_at_version(path, 8);
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at, online_url) VALUES (8, 'e', 'e@x', 'E', 'UTC', 0, 60,
                               0, 0, 'https://example.org/live'))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    const auto event = store::EventStore(db).get("e");
    CHECK(event.online_url == "https://example.org/live");
    CHECK(event.join_url.empty());
    CHECK(store::sqlite(db).execAndGet("SELECT count(*) FROM sent_reminder").getInt() == 0);
}

TEST_CASE("migrating to version 10 keeps organisers, without a role", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v9.db";
    {
        auto raw = database_at_version(path, 9);
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (9, 'e', 'e@x', 'E', 'UTC', 0, 60, 0, 0);
            INSERT INTO event_organiser VALUES (9, 1, 'Mayors Mechanism'), (9, 2, 'CGLU'))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    store::EventStore events(db);
    auto event = events.get("e");
    CHECK(event.organisers == std::vector<domain::Organiser>{{"Mayors Mechanism"}, {"CGLU"}});
    event.organisers[1].role = domain::OrganiserRole::co_lead;
    events.update(event);
    CHECK(events.get("e").organisers[1].role == domain::OrganiserRole::co_lead);
    // The schema refuses a role convene does not know.
    CHECK_THROWS(store::sqlite(db).exec("UPDATE event_organiser SET role = 'boss'"));
}

TEST_CASE("migrating to version 11 names each event's custom fields, and a trigger keeps them",
          "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v10.db";
    {
        auto raw = database_at_version(path, 10);
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (1, 'a', 'a@x', 'A', 'UTC', 0, 60, 0, 0),
                                                  (2, 'b', 'b@x', 'B', 'UTC', 0, 60, 0, 0);
            INSERT INTO registration (id, event_id, name, email, email_key, status,
                                      registered_at)
                VALUES (1, 1, 'Ana', 'ana@x.org', 'ana@x.org', 'registered', 1),
                       (2, 1, 'Ben', 'ben@x.org', 'ben@x.org', 'registered', 2),
                       (3, 2, 'Ana', 'ana@x.org', 'ana@x.org', 'registered', 3);
            INSERT INTO registration_field VALUES (1, 1, 'diet', 'v'), (2, 1, 'diet', ''),
                                                  (2, 2, 'seat', 'aisle'), (3, 1, 'size', 'M'))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    const auto names = [&] {
        std::vector<std::string> seen;
        SQLite::Statement query(store::sqlite(db), R"sql(
            SELECT event_id || ' ' || key FROM event_field_name ORDER BY event_id, key)sql");
        while (query.executeStep()) seen.push_back(query.getColumn(0).getString());
        return seen;
    };
    CHECK(names() == std::vector<std::string>{"1 diet", "1 seat", "2 size"});
    // In the row since version 12: a change of the fields names what it adds.
    store::sqlite(db).exec(R"(UPDATE registration SET fields = '[["size","M"],["diet","v"]]'
                              WHERE id = 3)");
    CHECK(names() == std::vector<std::string>{"1 diet", "1 seat", "2 diet", "2 size"});
    // Gone with its event.
    store::sqlite(db).exec("DELETE FROM event WHERE id = 2");
    CHECK(names() == std::vector<std::string>{"1 diet", "1 seat"});
}

TEST_CASE("migrating to version 12 moves the custom fields into the row, in order", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "v11.db";
    {
        auto raw = database_at_version(path, 11);
        // Positions out of the keys' order and of the rows' order; one name whose last field
        // went (it stays, as before); a registration without fields; a quote and a line break.
        raw.exec(R"sql(
            INSERT INTO event (id, slug, uid, title, timezone, start_utc, end_utc, created_at,
                               updated_at) VALUES (1, 'a', 'a@x', 'A', 'UTC', 0, 60, 0, 0);
            INSERT INTO registration (id, event_id, name, email, email_key, status,
                                      registered_at)
                VALUES (1, 1, 'Ana', 'ana@x.org', 'ana@x.org', 'registered', 1),
                       (2, 1, 'Ben', 'ben@x.org', 'ben@x.org', 'registered', 2),
                       (3, 1, 'Cy', 'cy@x.org', 'cy@x.org', 'registered', 3);
            INSERT INTO registration_field VALUES (1, 3, 'a', '1'), (1, 1, 'z', 'say "hi"'),
                                                  (1, 2, 'm', 'two' || char(10) || 'lines'),
                                                  (2, 1, 'diet', '');
            INSERT INTO event_field_name VALUES (1, 'gone'))sql");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::k_schema_version);
    auto& sql = store::sqlite(db);
    CHECK_FALSE(sql.tableExists("registration_field"));
    CHECK(sql.execAndGet("SELECT fields FROM registration WHERE id = 1").getString() ==
          R"([["z","say \"hi\""],["m","two\nlines"],["a","1"]])");
    CHECK(sql.execAndGet("SELECT fields FROM registration WHERE id = 2").getString() ==
          R"([["diet",""]])");
    CHECK(sql.execAndGet("SELECT fields IS NULL FROM registration WHERE id = 3").getInt() == 1);
    const auto names = [&] {
        return sql
            .execAndGet(
                "SELECT group_concat(key, ' ') FROM (SELECT key FROM "
                "event_field_name WHERE event_id = 1 ORDER BY key)")
            .getString();
    };
    CHECK(names() == "a diet gone m z");
    // The store reads them back in the organiser's order, and the list's columns with them.
    store::RegistrationStore registrations(db);
    const auto ana = registrations.get(1, "ana@x.org");
    CHECK(ana.fields == std::vector<std::pair<std::string, std::string>>{
                            {"z", "say \"hi\""}, {"m", "two\nlines"}, {"a", "1"}});
    CHECK(registrations.field_keys(1) == std::vector<std::string>{"z", "m", "a", "diet"});
    // A new registration's fields are named by the trigger on insert.
    sql.exec(R"(INSERT INTO registration (event_id, name, email, email_key, registered_at,
                                          fields)
                VALUES (1, 'Di', 'di@x.org', 'di@x.org', 4, '[["seat","aisle"]]'))");
    CHECK(names() == "a diet gone m seat z");
}

TEST_CASE("the shape every start checks is exactly what the migrations create", "[store]") {
    SQLite::Database memory(":memory:", SQLite::OPEN_READWRITE);
    for (const auto migration : store::k_migrations) memory.exec(std::string(migration));
    std::map<std::string, std::string> created;
    SQLite::Statement columns(memory, R"sql(
        SELECT t.name, group_concat(c.name, ',')
        FROM sqlite_master AS t, pragma_table_info(t.name) AS c
        WHERE t.type = 'table' GROUP BY t.name)sql");
    while (columns.executeStep()) {
        created[columns.getColumn(0).getString()] = columns.getColumn(1).getString();
    }
    std::map<std::string, std::string> expected;
    for (const auto& [table, names] : store::k_schema_shape) {
        expected[std::string(table)] = std::string(names);
    }
    CHECK(created == expected);
}

TEST_CASE("a database without a column it should have is refused as damaged", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "damaged.db";
    { store::Database db(path); }
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("ALTER TABLE sent_message DROP COLUMN schedule");
    }
    CHECK_THROWS_WITH(store::Database(path),
                      Catch::Contains("column 'sent_message.schedule' is missing"));
}

TEST_CASE("a read snapshot keeps one state while another connection writes", "[store]") {
    testing::TempFolder dir;
    const auto path = dir.path / "file.db";
    store::Database reader(path);
    store::Database writer(path);
    testing::stored(writer, testing::an_event("before"));
    store::EventStore events(reader);
    {
        const auto snapshot = reader.read_snapshot();
        REQUIRE(events.find("before"));  // the first read fixes the snapshot
        auto transaction = writer.write_transaction();
        testing::stored(writer, testing::an_event("during"));
        transaction.commit();
        CHECK_FALSE(events.find("during"));
        std::size_t seen = 0;
        events.for_each([&](const domain::Event&) { ++seen; });
        CHECK(seen == 1);
    }
    CHECK(events.find("during"));
    // Inside a write transaction the snapshot is that transaction's own view.
    auto transaction = reader.write_transaction();
    {
        const auto snapshot = reader.read_snapshot();
        testing::stored(reader, testing::an_event("mine"));
        CHECK(events.find("mine"));
    }
    transaction.commit();
    CHECK(store::EventStore(writer).find("mine"));
}
