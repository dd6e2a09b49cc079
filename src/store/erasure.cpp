#include "convene/store/erasure.hpp"

#include "connection.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "convene/domain/email.hpp"

namespace convene::store {

std::vector<std::int64_t> events_with_registration(Database& db, std::string_view email) {
    SQLite::Statement query(sqlite(db),
                            "SELECT DISTINCT event_id FROM registration WHERE email_key = ? "
                            "ORDER BY event_id");
    query.bind(1, domain::email_key(email));
    std::vector<std::int64_t> events;
    while (query.executeStep()) events.push_back(query.getColumn(0).getInt64());
    return events;
}

void erase_registration(Database& db, std::int64_t id) {
    // Per connection: deleted cells are overwritten with zeros, not only unlinked.
    sqlite(db).exec("PRAGMA secure_delete = ON");
    SQLite::Statement fields(sqlite(db),
                             "DELETE FROM registration_field WHERE registration_id = ?");
    fields.bind(1, id);
    fields.exec();
    // What the ledger holds for the person in that event names them too (their address, their
    // reply): it goes with the registration.
    for (const auto* table : {"sent_message", "attendee_reply"}) {
        SQLite::Statement ledger(sqlite(db), fmt::format(R"sql(
            DELETE FROM {} WHERE (event_id, email_key) =
                (SELECT event_id, email_key FROM registration WHERE id = ?))sql",
                                                         table));
        ledger.bind(1, id);
        ledger.exec();
    }
    SQLite::Statement row(sqlite(db), "DELETE FROM registration WHERE id = ?");
    row.bind(1, id);
    row.exec();
}

void scrub(Database& db) {
    sqlite(db).exec("PRAGMA secure_delete = ON");
    sqlite(db).exec("VACUUM");
    sqlite(db).exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace convene::store
