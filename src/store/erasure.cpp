#include "convene/store/erasure.hpp"

#include <fmt/format.h>

#include "convene/domain/email.hpp"
#include "dialect.hpp"
#include "sql.hpp"

namespace convene::store {

std::vector<std::int64_t> events_with_registration(Database& db, std::string_view email) {
    auto query = db.connection().prepare(
        "SELECT DISTINCT event_id FROM registration WHERE email_key = ? "
        "ORDER BY event_id");
    query->bind(1, domain::email_key(email));
    std::vector<std::int64_t> events;
    while (query->step()) events.push_back(query->integer(0));
    return events;
}

void erase_registration(Database& db, std::int64_t id) {
    // Per connection: deleted cells are overwritten with zeros, not only unlinked.
    if (!db.is_postgres()) db.connection().execute("PRAGMA secure_delete = ON");
    // The names of fields nobody else in the event has go too: else every list would look
    // through the whole event for them (RegistrationStore::field_keys).
    // The fields themselves are a column of the row, which goes below.
    const auto engine = db.connection().engine();
    auto names = db.connection().prepare(
        fmt::format(R"sql(
        DELETE FROM event_field_name AS n
        WHERE n.event_id = (SELECT event_id FROM registration WHERE id = ?1)
          AND n.key IN (SELECT {1} FROM registration AS r, {0}
                        WHERE r.id = ?1 AND r.fields IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM registration AS r, {0}
                          WHERE r.event_id = n.event_id AND r.id <> ?1
                            AND r.fields IS NOT NULL AND {1} = n.key))sql",
                    dialect::field_pairs_from(engine, "r.fields", "p", true),
                    dialect::field_key(engine, "p", true)));
    names->bind(1, id);
    names->run();
    // What the ledger holds for the person in that event names them too (their address, their
    // reply): it goes with the registration.
    for (const auto* table :
         {"sent_message", "attendee_reply", "delivery_attempt", "sent_reminder"}) {
        auto ledger = db.connection().prepare(fmt::format(R"sql(
            DELETE FROM {} WHERE (event_id, email_key) =
                (SELECT event_id, email_key FROM registration WHERE id = ?))sql",
                                                          table));
        ledger->bind(1, id);
        ledger->run();
    }
    auto row = db.connection().prepare("DELETE FROM registration WHERE id = ?");
    row->bind(1, id);
    row->run();
}

void scrub(Database& db) {
    if (db.is_postgres()) {
        // Deleted rows stay in their pages until a vacuum; VACUUM FULL rewrites the tables
        // that held the person, so their bytes leave the files (outside any transaction).
        db.connection().execute(
            "VACUUM FULL registration, event_field_name, sent_message, "
            "attendee_reply, delivery_attempt, sent_reminder");
        return;
    }
    db.connection().execute("PRAGMA secure_delete = ON");
    db.connection().execute("VACUUM");
    db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace convene::store
