#include "convene/store/integrity.hpp"

#include <fmt/format.h>

#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "dialect.hpp"
#include "sql.hpp"
#include "stored_value.hpp"

namespace convene::store {

namespace {

// One query per invariant: the rows that break it, already worded by `describe`.
template <typename Describe>
void add_findings(sql::Connection& db, std::vector<Finding>& findings, std::string_view invariant,
                  std::string_view query, Describe&& describe) {
    auto rows = db.prepare_streamed(query);
    while (rows->step()) findings.push_back({std::string(invariant), describe(*rows)});
}

std::int64_t single_integer(sql::Connection& db, std::string_view query) {
    auto statement = db.prepare(query);
    return statement->step() && !statement->is_null(0) ? statement->integer(0) : 0;
}

// A name missing from an event's field names would drop its column from every list.
// A name without fields is no problem: lists skip it.
void field_name_findings(sql::Connection& connection, std::vector<Finding>& findings) {
    // Fields that do not read (not JSON, not pairs) are the "rows" invariant's: skipped here.
    const auto engine = connection.engine();
    add_findings(connection, findings, "field names",
                 fmt::format(R"sql(
        SELECT event_id, key FROM (
            SELECT r.event_id, {1} AS key FROM registration AS r, {0}
            WHERE r.fields IS NOT NULL) AS f
        WHERE key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM event_field_name AS n
                          WHERE n.event_id = f.event_id AND n.key = f.key)
        GROUP BY event_id, key ORDER BY event_id, key)sql",
                             dialect::field_pairs_from(engine, "r.fields", "p", true),
                             dialect::field_key(engine, "p", true)),
                 [](auto& row) {
                     return fmt::format("event {}: custom field '{}' is not among its names",
                                        row.integer(0), row.string(1));
                 });
}

}  // namespace

std::vector<Finding> engine_findings(Database& db) {
    std::vector<Finding> findings;
    if (db.is_postgres()) return findings;
    auto& connection = db.connection();
    add_findings(connection, findings, "engine", "PRAGMA integrity_check",
                 [](auto& row) { return row.string(0); });
    // integrity_check says "ok" when it finds nothing.
    if (findings.size() == 1 && findings.front().detail == "ok") findings.clear();
    add_findings(connection, findings, "engine", "PRAGMA foreign_key_check", [](auto& row) {
        return fmt::format("{} row {} refers to a missing row of {}", row.string(0),
                           row.is_null(1) ? std::string("?") : row.string(1), row.string(2));
    });
    return findings;
}

std::vector<Finding> unreadable_rows(Database& db) {
    std::vector<Finding> findings;
    const auto collect = [&](std::string_view table) {
        return [&findings, table](std::int64_t id, const std::string& why) {
            findings.push_back({"rows", fmt::format("{} {}: {}", table, id, why)});
        };
    };
    EventStore(db).check_rows(collect("event"));
    AgendaStore(db).check_rows(collect("agenda item"));
    RegistrationStore(db).check_rows(collect("registration"));
    LedgerStore(db).check_rows(collect("ledger row of event"));
    return findings;
}

std::vector<Finding> stored_findings(Database& db) {
    auto& connection = db.connection();
    std::vector<Finding> findings;
    add_findings(connection, findings, "counts", R"sql(
        SELECT event_id, status, sum(stored), sum(counted) FROM (
            SELECT event_id, status, n AS stored, 0 AS counted FROM registration_count
            UNION ALL
            SELECT event_id, status, 0, count(*) FROM registration GROUP BY event_id, status
        ) AS both_sides
        GROUP BY event_id, status HAVING sum(stored) <> sum(counted)
        ORDER BY event_id, status)sql",
                 [](auto& row) {
                     return fmt::format("event {}: {} {} kept, {} rows", row.integer(0),
                                        row.integer(2), row.string(1), row.integer(3));
                 });
    for (const auto* table :
         {"sent_message", "attendee_reply", "delivery_attempt", "sent_reminder"}) {
        add_findings(connection, findings, "ledger",
                     fmt::format(R"sql(
            SELECT l.event_id, count(*) FROM {} AS l
            WHERE NOT EXISTS (SELECT 1 FROM registration AS r
                              WHERE r.event_id = l.event_id AND r.email_key = l.email_key)
            GROUP BY l.event_id ORDER BY l.event_id)sql",
                                 table),
                     [table](auto& row) {
                         return fmt::format("event {}: {} {} row(s) of nobody registered",
                                            row.integer(0), row.integer(1), table);
                     });
    }
    field_name_findings(connection, findings);
    add_findings(connection, findings, "sequence", R"sql(
        SELECT event_id, id, sequence, previous FROM (
            SELECT event_id, id, sequence,
                   lag(sequence) OVER (PARTITION BY event_id, email_key ORDER BY id) AS previous
            FROM sent_message) AS steps
        WHERE sequence < previous ORDER BY event_id, id)sql",
                 [](auto& row) {
                     return fmt::format("event {}: message {} has SEQUENCE {} after {}",
                                        row.integer(0), row.integer(1), row.integer(2),
                                        row.integer(3));
                 });
    add_findings(connection, findings, "uids", R"sql(
        SELECT uid, count(*) FROM (SELECT uid FROM event UNION ALL SELECT uid FROM agenda_item)
            AS uids
        GROUP BY uid HAVING count(*) > 1 ORDER BY uid)sql",
                 [](auto& row) {
                     return fmt::format("UID {} is given {} times", row.string(0), row.integer(1));
                 });
    add_findings(connection, findings, "schedule ids", R"sql(
        SELECT 'sessions of event', parent_id, schedule_id FROM event
        WHERE parent_id IS NOT NULL GROUP BY parent_id, schedule_id HAVING count(*) > 1
        UNION ALL
        SELECT 'agenda of event', event_id, schedule_id FROM agenda_item
        GROUP BY event_id, schedule_id HAVING count(*) > 1
        ORDER BY 1, 2, 3)sql",
                 [](auto& row) {
                     return fmt::format("{} {}: schedule id {} is given twice", row.string(0),
                                        row.integer(1), row.integer(2));
                 });
    add_findings(connection, findings, "agenda positions", R"sql(
        SELECT event_id, count(*), min(position), max(position) FROM agenda_item
        GROUP BY event_id
        HAVING min(position) <> 1 OR max(position) <> count(*)
            OR count(DISTINCT position) <> count(*)
        ORDER BY event_id)sql",
                 [](auto& row) {
                     return fmt::format("event {}: {} items at positions {} to {}", row.integer(0),
                                        row.integer(1), row.integer(2), row.integer(3));
                 });
    return findings;
}

std::vector<SeatTally> events_with_waiting(Database& db) {
    auto query = db.connection().prepare_streamed(R"sql(
        SELECT e.id, e.slug, e.status, e.capacity,
               sum(CASE WHEN r.status = 'registered' THEN 1 ELSE 0 END),
               sum(CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END)
        FROM event AS e JOIN registration AS r ON r.event_id = e.id
        WHERE e.id IN (SELECT event_id FROM registration WHERE status = 'waitlisted')
        GROUP BY e.id, e.slug, e.status, e.capacity ORDER BY e.id)sql");
    std::vector<SeatTally> tallies;
    while (query->step()) {
        SeatTally tally;
        tally.event_id = query->integer(0);
        tally.slug = query->string(1);
        tally.status = stored_value(domain::parse_event_status(query->text(2)), "event");
        if (!query->is_null(3)) tally.capacity = query->integer(3);
        tally.registered = query->integer(4);
        tally.waitlisted = query->integer(5);
        tallies.push_back(std::move(tally));
    }
    return tallies;
}

StoredTotals stored_totals(Database& db) {
    auto& connection = db.connection();
    return {.events = single_integer(connection, "SELECT count(*) FROM event"),
            .agenda_items = single_integer(connection, "SELECT count(*) FROM agenda_item"),
            .registrations = single_integer(connection, "SELECT count(*) FROM registration"),
            .messages = single_integer(connection, "SELECT count(*) FROM sent_message")};
}

}  // namespace convene::store
