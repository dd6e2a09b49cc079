#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "convene/app/database_check.hpp"
#include "convene/app/registrar.hpp"
#include "convene/domain/registration_request.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "sqlite_handle.hpp"
#include "testing.hpp"

using namespace convene;

namespace {

// An event of two seats with three people (one waiting), an agenda of two items, a ledger of
// two messages: every invariant has something to hold.
struct Filled : testing::StoreWithEvent {
    Filled() : StoreWithEvent(testing::an_event("briefing", 2)) {
        store::RegistrationStore registrations(db);
        app::Registrar registrar(registrations, event, testing::k_now, app::OnDuplicate::error,
                                 false);
        for (const auto* email : {"ana@example.org", "ben@example.org", "cy@example.org"}) {
            domain::RegistrationRequest request;
            request.name = "Person";
            request.email = email;
            registrar.add(request);
        }
        store::AgendaStore agenda(db);
        for (const auto* title : {"Opening", "Questions"}) {
            domain::AgendaItem item;
            item.event_id = event.id;
            item.title = title;
            agenda.insert(item);
        }
        store::LedgerStore ledger(db);
        for (const std::int64_t sequence : {0, 1}) {
            ledger.record({.event_id = event.id,
                           .event_uid = event.uid,
                           .recipient = "ana@example.org",
                           .method = domain::Itip::request,
                           .sequence = sequence,
                           .event_sequence = sequence,
                           .message_id = "<m@x>",
                           .sent_at = testing::k_now,
                           .schedule = ""});
        }
    }

    // The invariants `db check` finds broken after `damage` (SQL run behind convene's back).
    std::vector<std::string> broken_after(const std::string& damage) {
        store::sqlite(db).exec(damage);
        std::vector<std::string> names;
        for (const auto& problem : app::check_database(db).problems) {
            INFO(problem.detail);
            names.push_back(problem.invariant);
        }
        return names;
    }
};

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("db check finds a sound database sound and counts what it read", "[check]") {
    Filled filled;
    const auto report = app::check_database(filled.db);
    CHECK(report.problems.empty());
    CHECK(report.checked.events == 1);
    CHECK(report.checked.agenda_items == 2);
    CHECK(report.checked.registrations == 3);
    CHECK(report.checked.messages == 2);
}

TEST_CASE("db check names each invariant broken on purpose", "[check]") {
    Filled filled;
    SECTION("a stored count that is not the rows'") {
        CHECK(filled.broken_after("UPDATE registration_count SET n = n + 1 "
                                  "WHERE status = 'registered'") == Names{"counts"});
    }
    SECTION("a row whose count is missing") {
        CHECK(filled.broken_after("DELETE FROM registration_count WHERE status = 'waitlisted'") ==
              Names{"counts"});
    }
    SECTION("someone waits while a seat is free") {
        CHECK(filled.broken_after(
                  "UPDATE registration SET status = 'cancelled' WHERE email = 'ana@example.org'") ==
              Names{"waiting list"});
    }
    SECTION("someone waits in an event without a capacity") {
        CHECK(filled.broken_after("UPDATE event SET capacity = NULL") == Names{"waiting list"});
    }
    SECTION("nobody moves up in a cancelled event: not a problem") {
        CHECK(
            filled.broken_after("UPDATE event SET capacity = NULL, status = 'cancelled'").empty());
    }
    SECTION("a ledger row of nobody registered") {
        CHECK(filled.broken_after("UPDATE sent_message SET email_key = 'gone@example.org' "
                                  "WHERE sequence = 0") == Names{"ledger"});
    }
    SECTION("a person's SEQUENCE that goes back") {
        CHECK(filled.broken_after("UPDATE sent_message SET sequence = 5 WHERE sequence = 0") ==
              Names{"sequence"});
    }
    SECTION("an agenda item with its event's UID") {
        CHECK(filled.broken_after("UPDATE agenda_item SET uid = (SELECT uid FROM event) "
                                  "WHERE position = 1") == Names{"uids"});
    }
    SECTION("two items with one schedule id") {
        CHECK(filled.broken_after("UPDATE agenda_item SET schedule_id = 7") ==
              Names{"schedule ids"});
    }
    SECTION("agenda positions with a gap") {
        CHECK(filled.broken_after("UPDATE agenda_item SET position = 3 WHERE position = 2") ==
              Names{"agenda positions"});
    }
    SECTION("rows that do not read back") {
        CHECK(filled.broken_after("PRAGMA ignore_check_constraints = ON;"
                                  "UPDATE registration SET registered_at = 'soon' "
                                  "WHERE email = 'cy@example.org';"
                                  "UPDATE event SET end_utc = start_utc") == Names{"rows", "rows"});
    }
    SECTION("a negative time in the meeting") {
        CHECK(filled.broken_after("PRAGMA ignore_check_constraints = ON;"
                                  "UPDATE registration SET attended_seconds = -60 "
                                  "WHERE email = 'cy@example.org'") == Names{"rows"});
    }
    SECTION("a time in the meeting: sound") {
        CHECK(filled.broken_after("UPDATE registration SET attended_seconds = 3600").empty());
    }
    SECTION("a reference to a missing row, as the engine sees it") {
        CHECK(filled.broken_after("PRAGMA foreign_keys = OFF;"
                                  "DELETE FROM agenda_item WHERE position = 2;"
                                  "INSERT INTO agenda_point (item_id, position, text) "
                                  "VALUES (99, 1, 'orphan')") == Names{"engine"});
    }
    SECTION("custom fields that are not JSON, not pairs of texts, or give a key twice") {
        // Their names are there: only the fields themselves are wrong. The trigger would
        // refuse what is not JSON.
        CHECK(filled.broken_after(R"sql(
            DROP TRIGGER event_field_name_update;
            INSERT INTO event_field_name (event_id, key) SELECT id, 'a' FROM event;
            INSERT INTO event_field_name (event_id, key) SELECT id, 'x' FROM event;
            UPDATE registration SET fields = '[["a","b"],["a","c"]]'
                WHERE email = 'ana@example.org';
            UPDATE registration SET fields = 'not json' WHERE email = 'ben@example.org';
            UPDATE registration SET fields = '[["x",1]]' WHERE email = 'cy@example.org')sql") ==
              Names{"rows", "rows", "rows"});
    }
    SECTION("a custom field whose name the event does not keep") {
        CHECK(filled.broken_after(R"sql(
            UPDATE registration SET fields = '[["diet","v"]]' WHERE email = 'ana@example.org';
            DELETE FROM event_field_name)sql") == Names{"field names"});
    }
    SECTION("fields as either engine writes them, an empty list, a name left over: sound") {
        CHECK(filled
                  .broken_after(R"sql(
            UPDATE registration SET fields = '[["diet", "say \"hi\""], ["seat", "a"]]'
                WHERE email = 'ana@example.org';
            UPDATE registration SET fields = '[]' WHERE email = 'ben@example.org';
            UPDATE registration SET fields = '[["gone","x"]]' WHERE email = 'cy@example.org';
            UPDATE registration SET fields = NULL WHERE email = 'cy@example.org')sql")
                  .empty());
    }
}
