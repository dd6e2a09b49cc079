// A bulk import's updates on PostgreSQL, held and written a batch at a time
// (store/postgres_update_batch.hpp): every read of a registration whose update is held sees the
// update. Needs a server: tests/cli/test_postgres.py (StreamedList) runs the hidden
// "[.postgres]" cases with CONVENE_TEST_POSTGRES_URL naming a fresh database.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "convene/store/database.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using domain::Registration;

namespace {

Registration person(std::int64_t event_id, std::string name, std::string email) {
    Registration r;
    r.event_id = event_id;
    r.name = std::move(name);
    r.email = std::move(email);
    r.registered_at = testing::at(1);
    return r;
}

std::vector<std::string> names(store::RegistrationStore& store, std::int64_t event_id) {
    std::vector<std::string> seen;
    store.for_each(event_id, {}, [&](const Registration& r) { seen.push_back(r.name); });
    return seen;
}

}  // namespace

TEST_CASE("a bulk's updates on PostgreSQL are read as written before their batch goes",
          "[.postgres]") {
    const char* url = std::getenv("CONVENE_TEST_POSTGRES_URL");
    REQUIRE(url != nullptr);
    store::Database db(url, store::Database::k_default_lock_wait,
                       store::Database::IfNoSchema::create);
    static int events = 0;  // one event per section: the database lasts for the whole case
    const auto event =
        testing::stored(db, testing::an_event(fmt::format("batched-{}", ++events))).id;
    store::RegistrationStore store(db);
    store.insert(person(event, "Ana", "ana@x.org"));
    store.insert(person(event, "Bo", "bo@x.org"));

    SECTION("each way of finding a registration sees its held update") {
        {
            auto write = db.write_transaction();
            store::RegistrationStore::Bulk bulk(store, event);
            auto ana = *store.find_by_email(event, "ana@x.org");
            ana.name = "Ana B";
            ana.fields = {{"diet", "vegan"}};
            store.update(ana);
            CHECK(store.find_by_email(event, "ANA@x.org")->name == "Ana B");
            auto bo = *store.find_by_email(event, "bo@x.org");
            bo.organisation = "Org";
            store.update(bo);
            store.look_ahead(std::vector<std::string>{"bo@x.org", "new@x.org"});
            CHECK_FALSE(store.insert_new(person(event, "Bo again", "BO@x.org")));
            CHECK(store.find_by_email(event, "bo@x.org")->organisation == "Org");
            // Twice before a batch goes: the second is the one kept, as row by row.
            bo.name = "Bo 1";
            store.update(bo);
            bo.name = "Bo 2";
            store.update(bo);
            REQUIRE(store.insert_new(person(event, "New", "new@x.org")));
            bulk.finish();
            write.commit();
        }
        CHECK(names(store, event) == std::vector<std::string>{"Ana B", "Bo 2", "New"});
        CHECK(store.find_by_email(event, "ana@x.org")->fields ==
              std::vector<std::pair<std::string, std::string>>{{"diet", "vegan"}});
        CHECK(store.field_keys(event) == std::vector<std::string>{"diet"});
        CHECK(store.count(event, domain::RegistrationStatus::registered) == 3);
    }
    SECTION("an update that moves a row to another email key is refused, not lost") {
        auto write = db.write_transaction();
        store::RegistrationStore::Bulk bulk(store, event);
        auto ana = *store.find_by_email(event, "ana@x.org");
        ana.email = "someone.else@x.org";
        store.update(ana);
        CHECK_THROWS_AS(bulk.finish(), std::logic_error);
    }
}
