#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"
#include "sqlite_handle.hpp"
#include "testing.hpp"

using namespace convene;
using domain::Registration;
using domain::RegistrationStatus;
using testing::at;

namespace {

std::int64_t add_event(store::Database& db, std::string slug) {
    return testing::stored(db, testing::an_event(std::move(slug))).id;
}

Registration person(std::int64_t event_id, std::string name, std::string email,
                    std::int64_t registered_at) {
    Registration r;
    r.event_id = event_id;
    r.name = std::move(name);
    r.email = std::move(email);
    r.registered_at = at(registered_at);
    return r;
}

std::vector<std::string> emails(store::RegistrationStore& store, std::int64_t event_id,
                                const store::RegistrationFilter& filter = {}) {
    std::vector<std::string> seen;
    store.for_each(event_id, filter, [&](const Registration& r) { seen.push_back(r.email); });
    return seen;
}

// Prepared statements alive on the connection.
int statement_count(store::Database& db) {
    int count = 0;
    for (auto* s = sqlite3_next_stmt(store::sqlite(db).getHandle(), nullptr); s;
         s = sqlite3_next_stmt(store::sqlite(db).getHandle(), s)) {
        ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("registration store inserts and finds by email in any case, or by id",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto ana = person(event, "Ana", "Ana.Silva@Example.org", 100);
    ana.organisation = "CGLU";
    ana.language = "fr";
    ana.fields = {{"diet", "vegan"}, {"badge", "Ana"}, {"arrival", "13:00"}};
    const auto id = store.insert(ana);

    const auto found = store.find_by_email(event, "ana.silva@EXAMPLE.org");
    REQUIRE(found);
    CHECK(found->id == id);
    CHECK(found->email == "Ana.Silva@Example.org");  // stored as given
    CHECK(found->organisation == "CGLU");
    CHECK(found->fields == ana.fields);  // in the order given
    CHECK(found->registered_at == at(100));
    CHECK_FALSE(found->checked_in_at);
    CHECK(store.find_by_id(event, id)->email == ana.email);
    CHECK(store.get(event, std::to_string(id)).id == id);
    CHECK(store.get(event, "ANA.SILVA@example.org").id == id);
    CHECK_THROWS_AS(store.get(event, "bob@example.org"), NotFoundError);
    CHECK_THROWS_AS(store.get(event, "999"), NotFoundError);
}

TEST_CASE("registration store keeps emails unique per event, not across events",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto a = add_event(db, "a");
    const auto b = add_event(db, "b");
    store::RegistrationStore store(db);
    store.insert(person(a, "Ana", "ana@example.org", 1));
    CHECK_THROWS_AS(store.insert(person(a, "Ana", "ANA@example.org", 2)), ConflictError);
    CHECK_NOTHROW(store.insert(person(b, "Ana", "ana@example.org", 2)));
    CHECK_FALSE(store.find_by_id(b, 1));  // id 1 belongs to event a
}

TEST_CASE("registration store updates, sets status and check-in", "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto ana = person(event, "Ana", "ana@example.org", 1);
    ana.fields = {{"diet", "vegan"}};
    ana.id = store.insert(ana);
    ana.name = "Ana Silva";
    ana.email = "ANA@example.org";
    ana.fields = {{"badge", "A"}};
    store.update(ana);
    auto found = store.find_by_email(event, "ana@example.org");
    CHECK(found->name == "Ana Silva");
    CHECK(found->fields == ana.fields);

    domain::set_status(ana, RegistrationStatus::waitlisted);
    store.set_status(ana);
    store.set_checked_in(ana.id, at(50));
    found = store.find_by_id(event, ana.id);
    CHECK(found->status == RegistrationStatus::waitlisted);
    CHECK(*found->checked_in_at == at(50));
    store.set_checked_in(ana.id, std::nullopt);
    CHECK_FALSE(store.find_by_id(event, ana.id)->checked_in_at);
}

TEST_CASE("registration store keeps the time in the meeting through every write",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto ana = person(event, "Ana", "ana@example.org", 1);
    ana.id = store.insert(ana);
    CHECK_FALSE(store.find_by_id(event, ana.id)->attended);
    const auto attend = [&](std::chrono::seconds time, std::optional<domain::Instant> arrival) {
        const std::array<store::RegistrationStore::Attendance, 1> one{{{ana.id, time, arrival}}};
        store.set_attended(one);
    };
    attend(std::chrono::seconds{3725}, std::nullopt);
    CHECK(store.find_by_id(event, ana.id)->attended == std::chrono::seconds{3725});
    CHECK_FALSE(store.find_by_id(event, ana.id)->checked_in_at);
    // With an arrival, it is recorded once: a later one leaves the first as it is.
    const domain::Instant arrival{std::chrono::seconds{1'700'000'000}};
    attend(std::chrono::seconds{3725}, arrival);
    CHECK(store.find_by_id(event, ana.id)->checked_in_at == arrival);
    attend(std::chrono::seconds{3725}, arrival + std::chrono::hours{1});
    CHECK(store.find_by_id(event, ana.id)->checked_in_at == arrival);
    // A whole update (a new name) keeps it; so does a list.
    ana = *store.find_by_id(event, ana.id);
    ana.name = "Ana Silva";
    store.update(ana);
    std::optional<std::chrono::seconds> listed;
    store.for_each(event, {}, [&](const Registration& r) { listed = r.attended; });
    CHECK(listed == std::chrono::seconds{3725});
    // Inserted with one, in a bulk write too (db copy).
    auto ben = person(event, "Ben", "ben@example.org", 2);
    ben.attended = std::chrono::seconds{60};
    {
        store::RegistrationStore::Bulk bulk(store, event);
        REQUIRE(store.insert_new(ben));
        bulk.finish();
    }
    CHECK(store.find_by_email(event, "ben@example.org")->attended == std::chrono::seconds{60});
    // The schema refuses a negative time.
    CHECK_THROWS(store::sqlite(db).exec("UPDATE registration SET attended_seconds = -1"));
}

TEST_CASE("registration store counts and finds the head of the waiting list",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto add = [&](std::string email, std::int64_t time, RegistrationStatus status) {
        auto r = person(event, "X", std::move(email), time);
        r.status = status;
        return store.insert(r);
    };
    add("a@x.org", 1, RegistrationStatus::registered);
    add("b@x.org", 5, RegistrationStatus::waitlisted);
    const auto c = add("c@x.org", 3, RegistrationStatus::waitlisted);
    add("d@x.org", 3, RegistrationStatus::waitlisted);
    CHECK(store.count(event, RegistrationStatus::registered) == 1);
    CHECK(store.count(event, RegistrationStatus::waitlisted) == 3);
    CHECK(store.count(event, RegistrationStatus::cancelled) == 0);
    // Earliest time first; the same time falls back to the id.
    CHECK(store.first_waitlisted(event)->id == c);
}

TEST_CASE("registration store counts follow every write, per event", "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    const auto other = add_event(db, "b");
    store::RegistrationStore store(db);
    auto ana = person(event, "Ana", "ana@x.org", 1);
    ana.id = store.insert(ana);
    auto ben = person(event, "Ben", "ben@x.org", 2);
    ben.status = RegistrationStatus::waitlisted;
    ben.id = store.insert(ben);
    store.insert(person(other, "Cy", "cy@x.org", 3));
    const auto counts = [&](std::int64_t id) {
        return std::array{store.count(id, RegistrationStatus::registered),
                          store.count(id, RegistrationStatus::waitlisted),
                          store.count(id, RegistrationStatus::cancelled)};
    };
    using Counts = std::array<std::int64_t, 3>;
    CHECK(counts(event) == Counts{1, 1, 0});
    CHECK(counts(other) == Counts{1, 0, 0});

    domain::set_status(ana, RegistrationStatus::cancelled);
    store.set_status(ana);
    domain::set_status(ben, RegistrationStatus::registered);
    store.set_status(ben);
    CHECK(counts(event) == Counts{1, 0, 1});
    CHECK(store.find_by_id(event, ana.id)->sequence_offset == 1);
    ana.status = RegistrationStatus::waitlisted;
    ana.name = "Ana Silva";
    store.update(ana);
    CHECK(counts(event) == Counts{1, 1, 0});
    store.update(ana);  // the same status again changes nothing
    CHECK(counts(event) == Counts{1, 1, 0});
    // A taken email is refused, and leaves the counts alone.
    CHECK_THROWS_AS(store.insert(person(event, "Ana", "ANA@x.org", 4)), ConflictError);
    CHECK(counts(event) == Counts{1, 1, 0});

    store::sqlite(db).exec("DELETE FROM registration WHERE id = " + std::to_string(ben.id));
    CHECK(counts(event) == Counts{0, 1, 0});
    store::sqlite(db).exec("DELETE FROM event WHERE id = " + std::to_string(event));
    CHECK(counts(event) == Counts{0, 0, 0});
    CHECK(counts(other) == Counts{1, 0, 0});
    CHECK(store::sqlite(db)
              .execAndGet("SELECT count(*) FROM registration_count WHERE event_id = " +
                          std::to_string(event))
              .getInt() == 0);
}

TEST_CASE(
    "a bulk write on SQLite works without triggers and foreign-key checks, then turns "
    "them back on",
    "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    using Counts = std::array<std::int64_t, 3>;
    const auto counts = [&] {
        return Counts{store.count(event, RegistrationStatus::registered),
                      store.count(event, RegistrationStatus::waitlisted),
                      store.count(event, RegistrationStatus::cancelled)};
    };
    // What the rows say, whatever registration_count says.
    const auto rows = [&](std::string_view status) {
        return store::sqlite(db)
            .execAndGet(
                fmt::format("SELECT count(*) FROM registration WHERE status = '{}'", status))
            .getInt64();
    };
    const auto foreign_keys = [&] {
        return store::sqlite(db).execAndGet("PRAGMA foreign_keys").getInt() == 1;
    };
    auto old = person(event, "Old", "old@x.org", 1);
    old.id = store.insert(old);
    {
        store::RegistrationStore::Bulk bulk(store, event);
        CHECK_FALSE(foreign_keys());
        auto ana = person(event, "Ana", "ana@x.org", 2);
        ana.id = store.insert(ana);
        auto ben = person(event, "Ben", "ben@x.org", 3);
        ben.status = RegistrationStatus::waitlisted;
        ben.id = store.insert(ben);
        CHECK_THROWS_AS(store.insert(person(event, "Ana", "ANA@x.org", 4)), ConflictError);
        domain::set_status(old, RegistrationStatus::cancelled);
        store.set_status(old);
        ben.status = RegistrationStatus::registered;
        store.update(ben);
        // The triggers are off: the table of counts has not moved yet.
        CHECK(counts() == Counts{1, 0, 0});
        bulk.finish();
    }
    CHECK(counts() == Counts{rows("registered"), rows("waitlisted"), rows("cancelled")});
    CHECK(counts() == Counts{2, 0, 1});
    // What was written while the checks were off refers to rows that exist.
    CHECK(store::sqlite(db).execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() ==
          0);
    // Back on: a write after the bulk is counted by its trigger, and checked.
    CHECK(foreign_keys());
    store.insert(person(event, "Cy", "cy@x.org", 5));
    CHECK(counts() == Counts{3, 0, 1});
    CHECK_THROWS(store.insert(person(event + 100, "Nobody", "no@x.org", 5)));
    {
        // A bulk that ends without finish() (its transaction rolls back) turns them on too.
        store::RegistrationStore::Bulk bulk(store, event);
    }
    CHECK(foreign_keys());
    store.insert(person(event, "Di", "di@x.org", 6));
    CHECK(counts() == Counts{4, 0, 1});
}

// The same writes into two databases, one in a bulk (triggers and foreign-key checks off,
// counts and field names added at the end) and one plain: they must come out the same.
TEST_CASE("a bulk write on SQLite leaves the same counts and names as the triggers would have",
          "[registration_store]") {
    const auto write = [](bool in_bulk) {
        store::Database db(":memory:");
        const auto event = add_event(db, "a");
        const auto other = add_event(db, "b");
        store::RegistrationStore store(db);
        auto before = person(event, "Before", "before@x.org", 1);
        before.id = store.insert(before);
        auto gone = person(event, "Gone", "gone@x.org", 2);
        gone.status = RegistrationStatus::waitlisted;
        gone.id = store.insert(gone);
        store.insert(person(other, "Elsewhere", "before@x.org", 3));
        {
            std::optional<store::RegistrationStore::Bulk> bulk;
            if (in_bulk) bulk.emplace(store, event);
            for (int i = 0; i < 120; ++i) {
                auto r = person(event, fmt::format("P{}", i), fmt::format("p{}@x.org", i), 10 + i);
                if (i % 5 == 0) r.status = RegistrationStatus::waitlisted;
                if (i % 7 == 0) r.fields = {{"diet", "v"}};
                store.insert(r);
            }
            // Fields written by the store's own statements: another event's, an update's.
            auto elsewhere = person(other, "Other", "other@x.org", 200);
            elsewhere.fields = {{"size", "M"}};
            store.insert(elsewhere);
            before.fields = {{"seat", "aisle"}};
            store.update(before);
            domain::set_status(before, RegistrationStatus::cancelled);
            store.set_status(before);
            // Renewed: the row goes (waitlisted) and comes back (registered).
            gone.status = RegistrationStatus::registered;
            gone.registered_at = at(300);
            store.renew(gone.id, gone);
            if (bulk) bulk->finish();
        }
        std::vector<std::string> counts;
        SQLite::Statement query(store::sqlite(db), R"sql(
            SELECT event_id, status, n FROM registration_count WHERE n <> 0
            ORDER BY event_id, status)sql");
        while (query.executeStep()) {
            counts.push_back(fmt::format("{} {} {}", query.getColumn(0).getInt64(),
                                         query.getColumn(1).getString(),
                                         query.getColumn(2).getInt64()));
        }
        SQLite::Statement names(store::sqlite(db), R"sql(
            SELECT event_id || ' ' || key FROM event_field_name ORDER BY event_id, key)sql");
        while (names.executeStep()) counts.push_back(names.getColumn(0).getString());
        // Each registration's fields as stored, which the bulk writes with the row.
        SQLite::Statement fields(store::sqlite(db), R"sql(
            SELECT email_key || ' ' || coalesce(fields, '-') FROM registration
            ORDER BY event_id, email_key)sql");
        while (fields.executeStep()) counts.push_back(fields.getColumn(0).getString());
        return std::pair{counts, emails(store, event)};
    };
    const auto plain = write(false);
    const auto bulk = write(true);
    CHECK(bulk.first == plain.first);
    CHECK(bulk.second == plain.second);
    const std::vector<std::string> books{"1 cancelled 1",  "1 registered 97", "1 waitlisted 24",
                                         "2 registered 2", "1 diet",          "1 seat",
                                         "2 size"};
    REQUIRE(plain.first.size() > books.size());
    CHECK(std::vector<std::string>(plain.first.begin(),
                                   plain.first.begin() +
                                       static_cast<std::ptrdiff_t>(books.size())) == books);
    CHECK(std::count(plain.first.begin(), plain.first.end(), R"(p7@x.org [["diet","v"]])") == 1);
}

TEST_CASE("a bulk write on SQLite holds rows in batches and still sees every taken address",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    const auto other = add_event(db, "b");
    store::RegistrationStore store(db);
    const auto old_id = store.insert(person(event, "Old", "old@x.org", 1));
    std::vector<std::int64_t> ids;
    {
        store::RegistrationStore::Bulk bulk(store, event);
        // 130 people: two full batches of fifty, then thirty held until something reads.
        for (int i = 0; i < 130; ++i) {
            auto r = person(event, fmt::format("P{}", i), fmt::format("p{}@x.org", i), 10 + i);
            if (i % 3 == 0) r.fields = {{"diet", fmt::format("d{}", i)}, {"seat", "aisle"}};
            const auto id = store.insert_new(r);
            REQUIRE(id);
            ids.push_back(*id);
        }
        // Taken: before the bulk, in a written batch, in the held one; in any case.
        CHECK_FALSE(store.insert_new(person(event, "Again", "OLD@x.org", 200)));
        CHECK_FALSE(store.insert_new(person(event, "Again", "P7@X.org", 200)));
        CHECK_FALSE(store.insert_new(person(event, "Again", "p129@x.org", 200)));
        // Found by address while held; a new address is not.
        const auto late = store.insert_new(person(event, "Late", "late@x.org", 150));
        REQUIRE(late);
        ids.push_back(*late);
        const auto held = store.find_by_email(event, "LATE@x.org");
        REQUIRE(held);
        CHECK(held->id == *late);
        CHECK_FALSE(store.find_by_email(event, "nobody@x.org"));
        // The same address for another event is no conflict, and its id is its own.
        const auto elsewhere = store.insert_new(person(other, "P1", "p1@x.org", 300));
        REQUIRE(elsewhere);
        ids.push_back(*elsewhere);
        for (int i = 130; i < 160; ++i) {
            const auto id = store.insert_new(
                person(event, fmt::format("P{}", i), fmt::format("p{}@x.org", i), 10 + i));
            REQUIRE(id);
            ids.push_back(*id);
        }
        bulk.finish();
    }
    ids.push_back(old_id);
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());  // no id given twice
    CHECK(emails(store, event).size() == 162);
    CHECK(emails(store, other) == std::vector<std::string>{"p1@x.org"});
    // Every row with its own id, name and fields, in the order they came.
    const auto p99 = store.find_by_email(event, "p99@x.org");
    REQUIRE(p99);
    CHECK(p99->name == "P99");
    using Fields = std::vector<std::pair<std::string, std::string>>;
    CHECK(p99->fields == Fields{{"diet", "d99"}, {"seat", "aisle"}});
    CHECK(store.find_by_email(event, "p100@x.org")->fields.empty());
    CHECK(store.find_by_email(event, "p129@x.org")->fields ==
          Fields{{"diet", "d129"}, {"seat", "aisle"}});
    CHECK(store.count(event, RegistrationStatus::registered) == 162);
    CHECK(store::sqlite(db)
              .execAndGet("SELECT count(*) FROM registration WHERE fields IS NOT NULL")
              .getInt64() == 44);
    CHECK(store::sqlite(db)
              .execAndGet("SELECT group_concat(key, ' ') FROM event_field_name")
              .getString() == "diet seat");
}

TEST_CASE("a look-ahead answers as the database would, and never with what a write changed",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto stored = person(event, "Ana", "ana@x.org", 1);
    stored.fields = {{"diet", "vegan"}};
    const auto ana = store.insert(stored);
    auto gone = person(event, "Bo", "bo@x.org", 2);
    gone.status = RegistrationStatus::cancelled;
    store.insert(gone);

    // SQLite's steps: what a look-up costs after the look-ahead.
    const auto steps = [&] {
        long long total = 0;
        for (auto* s = sqlite3_next_stmt(store::sqlite(db).getHandle(), nullptr); s;
             s = sqlite3_next_stmt(store::sqlite(db).getHandle(), s)) {
            total += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0);
        }
        return total;
    };
    {
        store::RegistrationStore::Bulk bulk(store, event);
        // Held before the look-ahead: it must not read as free.
        REQUIRE(store.insert_new(person(event, "Held", "held@x.org", 3)));
        const std::vector<std::string> keys{"ana@x.org", "bo@x.org", "new@x.org", "held@x.org",
                                            "bad\xff@x.org"};
        store.look_ahead(keys);
        const auto before = steps();
        const auto found = store.find_by_email(event, "ANA@x.org");
        REQUIRE(found);
        CHECK(found->id == ana);
        CHECK(found->fields == stored.fields);
        CHECK(store.find_by_email(event, "bo@x.org")->status == RegistrationStatus::cancelled);
        CHECK_FALSE(store.find_by_email(event, "new@x.org"));
        CHECK_FALSE(store.insert_new(person(event, "Ana again", "ana@x.org", 4)));
        CHECK(steps() == before);  // all of it answered from the look-ahead
        CHECK_FALSE(store.insert_new(person(event, "Held again", "held@x.org", 4)));
        // Free: held now, and taken the second time.
        REQUIRE(store.insert_new(person(event, "New", "new@x.org", 5)));
        CHECK_FALSE(store.insert_new(person(event, "New again", "new@x.org", 6)));
        CHECK(store.find_by_email(event, "new@x.org")->name == "New");
        // A write to a registration read ahead: the store reads it again.
        auto changed = *found;
        changed.name = "Ana B";
        store.update(changed);
        CHECK(store.find_by_email(event, "ana@x.org")->name == "Ana B");
        auto seated = *store.find_by_email(event, "bo@x.org");
        seated.status = RegistrationStatus::registered;
        store.set_status(seated);
        CHECK(store.find_by_email(event, "bo@x.org")->status == RegistrationStatus::registered);
        bulk.finish();
    }
    CHECK(emails(store, event) ==
          std::vector<std::string>{"ana@x.org", "bo@x.org", "held@x.org", "new@x.org"});
    CHECK(store.count(event, RegistrationStatus::registered) == 4);
    // Outside a Bulk it reads nothing and keeps nothing.
    store.look_ahead(std::vector<std::string>{"ana@x.org"});
    auto renamed = *store.find_by_email(event, "ana@x.org");
    renamed.name = "Ana C";
    store.update(renamed);
    CHECK(store.find_by_email(event, "ana@x.org")->name == "Ana C");
}

TEST_CASE("registration store can leave the custom fields out of a list", "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto ana = person(event, "Ana", "ana@x.org", 1);
    ana.fields = {{"diet", "vegan"}};
    store.insert(ana);
    std::vector<std::size_t> sizes;
    const auto count_fields = [&](const Registration& r) { sizes.push_back(r.fields.size()); };
    store.for_each(event, {}, count_fields);
    store.for_each(event, {}, count_fields, store::RegistrationStore::Fields::skip);
    CHECK(sizes == std::vector<std::size_t>{1, 0});
}

TEST_CASE("each listed registration gets its own fields, in their order, under any filter",
          "[registration_store]") {
    using Fields = std::vector<std::pair<std::string, std::string>>;
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    const auto other = add_event(db, "b");
    store::RegistrationStore store(db);
    auto late = person(event, "Late", "late@x.org", 30);
    late.fields = {{"zeta", "1"}, {"alpha", "2"}};  // position order, not key order
    auto none = person(event, "None", "none@x.org", 20);
    auto early = person(event, "Early", "early@x.org", 10);
    early.fields = {{"diet", "x"}};
    early.status = RegistrationStatus::waitlisted;
    auto elsewhere = person(other, "Else", "else@x.org", 15);
    elsewhere.fields = {{"diet", "y"}};
    for (auto* r : {&late, &none, &early, &elsewhere}) r->id = store.insert(*r);

    std::vector<std::pair<std::string, Fields>> seen;
    const auto collect = [&](const Registration& r) { seen.emplace_back(r.name, r.fields); };
    store.for_each(event, {}, collect);
    CHECK(seen ==
          std::vector<std::pair<std::string, Fields>>{
              {"Early", {{"diet", "x"}}}, {"None", {}}, {"Late", {{"zeta", "1"}, {"alpha", "2"}}}});
    seen.clear();
    store::RegistrationFilter registered;
    registered.status = RegistrationStatus::registered;
    store.for_each(event, registered, collect);
    CHECK(seen == std::vector<std::pair<std::string, Fields>>{
                      {"None", {}}, {"Late", {{"zeta", "1"}, {"alpha", "2"}}}});
}

TEST_CASE("registration store streams in time order, then id, with filters",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    const auto other = add_event(db, "b");
    store::RegistrationStore store(db);
    auto a = person(event, "A", "a@x.org", 30);
    a.language = "fr";
    auto b = person(event, "B", "b@x.org", 10);
    b.status = RegistrationStatus::cancelled;
    auto c = person(event, "C", "c@x.org", 30);
    c.checked_in_at = at(40);
    auto d = person(event, "D", "d@x.org", 20);
    d.language = "en";
    for (const auto& r : {a, b, c, d}) store.insert(r);
    store.insert(person(other, "Z", "z@x.org", 0));

    CHECK(emails(store, event) ==
          std::vector<std::string>{"b@x.org", "d@x.org", "a@x.org", "c@x.org"});
    CHECK(emails(store, event, {.status = RegistrationStatus::registered}) ==
          std::vector<std::string>{"d@x.org", "a@x.org", "c@x.org"});
    CHECK(emails(store, event, {.status = RegistrationStatus::cancelled}) ==
          std::vector<std::string>{"b@x.org"});
    CHECK(emails(store, event, {.language = "fr"}) == std::vector<std::string>{"a@x.org"});
    CHECK(emails(store, event, {.checked_in = true}) == std::vector<std::string>{"c@x.org"});
    CHECK(emails(store, event, {.checked_in = false}).size() == 3);
}

TEST_CASE("registration store lists field names in order of first appearance",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto late = person(event, "L", "l@x.org", 20);
    late.fields = {{"zeta", "1"}, {"alpha", "2"}};
    auto early = person(event, "E", "e@x.org", 10);
    early.fields = {{"diet", "x"}, {"zeta", "3"}};
    auto same_time = person(event, "T", "t@x.org", 20);  // as late, a higher id
    same_time.fields = {{"omega", "4"}, {"alpha", "5"}};
    store.insert(late);
    store.insert(early);
    store.insert(same_time);
    CHECK(store.field_keys(event) == std::vector<std::string>{"diet", "zeta", "alpha", "omega"});
    // A key JSON escapes is found without the text search that skips rows; a key found only
    // as a value, or a name whose last field went, names no column.
    auto quoted = person(event, "Q", "q@x.org", 30);
    quoted.fields = {{"say \"hi\"", "1"}, {"back\\slash", "2"}, {"x", "gone"}};
    store.insert(quoted);
    quoted = store.get(event, "q@x.org");
    quoted.fields = {{"say \"hi\"", "1"}, {"back\\slash", "2"}, {"y", "\"zeta\" omega"}};
    store.update(quoted);
    CHECK(store.field_keys(event) == std::vector<std::string>{"diet", "zeta", "alpha", "omega",
                                                              "say \"hi\"", "back\\slash", "y"});
}

TEST_CASE("registration store reuses its prepared statements", "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    auto transaction = db.write_transaction();
    int before = 0;  // once each statement met its first use
    for (int i = 0; i < 500; ++i) {
        if (i == 1) before = statement_count(db);
        auto r = person(event, "P", "p" + std::to_string(i) + "@x.org", i);
        r.fields = {{"n", std::to_string(i)}};
        store.find_by_email(event, r.email);
        r.id = store.insert(r);
        store.update(r);
    }
    transaction.commit();
    CHECK(statement_count(db) == before);
    CHECK(store.count(event, RegistrationStatus::registered) == 500);
}

TEST_CASE("listing registrations walks the index instead of sorting", "[registration_store]") {
    store::Database db(":memory:");
    store::RegistrationStore store(db);
    // Statements are prepared on first use: list once with fields and once without.
    store.for_each(1, {}, [](const Registration&) {});
    store.for_each(
        1, {}, [](const Registration&) {}, store::RegistrationStore::Fields::skip);
    // The store's own prepared list statements, found on the connection.
    std::vector<std::string> list_sql;
    for (auto* s = sqlite3_next_stmt(store::sqlite(db).getHandle(), nullptr); s;
         s = sqlite3_next_stmt(store::sqlite(db).getHandle(), s)) {
        const std::string sql = sqlite3_sql(s);
        if (sql.find("?4") != std::string::npos) list_sql.push_back(sql);
    }
    REQUIRE(list_sql.size() == 2);
    for (const auto& sql : list_sql) {
        SQLite::Statement plan(store::sqlite(db), "EXPLAIN QUERY PLAN " + sql);
        std::string outer;  // the plan of the outer query: rows whose parent is the root
        std::string all;
        while (plan.executeStep()) {
            all += plan.getColumn(3).getString() + "\n";
            if (plan.getColumn(1).getInt() == 0) outer += plan.getColumn(3).getString() + "\n";
        }
        INFO(all);
        CHECK(outer.find("registration_by_time") != std::string::npos);
        // The custom fields are a column of the row (schema version 12): nothing to sort.
        CHECK(outer.find("TEMP B-TREE") == std::string::npos);
    }
}

TEST_CASE("the times in the meeting of more people than one statement takes are each written",
          "[registration_store]") {
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    std::vector<store::RegistrationStore::Attendance> attendances;
    for (int i = 0; i < 5003; ++i) {
        const auto id = store.insert(person(event, "P", fmt::format("p{}@x.org", i), i));
        if (i % 2 == 0) store.set_checked_in(id, at(7));  // recorded already: kept
        attendances.push_back({id, std::chrono::seconds{i}, at(1'000 + i)});
    }
    attendances.push_back({attendances.front().id + 10'000, std::chrono::seconds{1}, at(1)});
    store.set_attended(attendances);  // the last names nobody: nothing to write for it
    int seen = 0;
    store.for_each(event, {}, [&](const Registration& r) {
        CHECK(r.attended == std::chrono::seconds{seen});
        CHECK(r.checked_in_at == (seen % 2 == 0 ? at(7) : at(1'000 + seen)));
        ++seen;
    });
    CHECK(seen == 5003);
}

TEST_CASE("a row the schema refuses ends a bulk write with nothing of it written",
          "[registration_store]") {
    // SQLite's bulk INSERTs are OR ROLLBACK (sqlite_bulk_writer.cpp): a refused row takes the
    // whole transaction back at once, as the import's failure would anyway.
    store::Database db(":memory:");
    const auto event = add_event(db, "a");
    store::RegistrationStore store(db);
    store.insert(person(event, "Before", "before@x.org", 1));
    {
        auto write = db.write_transaction();
        store::RegistrationStore::Bulk bulk(store, event);
        for (int i = 0; i < 120; ++i) {  // two full INSERTs of fifty written, twenty held
            REQUIRE(store.insert_new(person(event, "P", fmt::format("p{}@x.org", i), 2)));
        }
        auto refused = person(event, "Refused", "refused@x.org", 3);
        refused.sequence_offset = -1;  // the schema's CHECK
        REQUIRE(store.insert_new(refused));
        CHECK_THROWS_AS(bulk.finish(), store::RefusedWrite);
    }
    CHECK(emails(store, event) == std::vector<std::string>{"before@x.org"});
    CHECK(store.count(event, RegistrationStatus::registered) == 1);
    // Triggers and foreign-key checks are on again: the counts follow a later insert.
    store.insert(person(event, "After", "after@x.org", 4));
    CHECK(store.count(event, RegistrationStatus::registered) == 2);
    CHECK(store.field_keys(event).empty());
}
