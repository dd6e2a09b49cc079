#pragma once
// What `convene db check` reads (app/database_check.hpp weighs it): the engine's own checks,
// and convene's invariants that the schema cannot state, each read from the rows themselves
// rather than from what convene keeps about them. Like `git fsck`, it reads everything and
// changes nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/store/database.hpp"

namespace convene::store {

// One broken invariant: which (a stable name, the key of `db check --format json`) and where,
// by table and row id (never a person's address: the report may be pasted into a bug report).
struct Finding {
    std::string invariant;
    std::string detail;
};

// SQLite's integrity_check and foreign_key_check; PostgreSQL checks its own pages and
// references as it goes, so nothing there.
std::vector<Finding> engine_findings(Database& db);

// Rows that do not read back as convene's values (a status, zone or time edited by hand, an
// event that ends before it starts), table by table.
std::vector<Finding> unreadable_rows(Database& db);

// The invariants of what convene writes:
// - counts: registration_count holds, per event and status, the number of rows;
// - ledger: every message, reply and delivery attempt belongs to a registration of its event
//   (forget erases them with the person);
// - sequence: the SEQUENCE sent to a person for an event never goes back;
// - uids: no two events or agenda items share a calendar UID;
// - schedule ids: no two sessions of one parent, and no two items of one agenda, share a
//   frab id;
// - agenda positions: an event's items are numbered 1..n.
std::vector<Finding> stored_findings(Database& db);

// An event's seats as its rows count them, for the waiting-list rules (domain/capacity.hpp).
struct SeatTally {
    std::int64_t event_id{0};
    std::string slug;
    domain::EventStatus status{domain::EventStatus::confirmed};
    std::optional<std::int64_t> capacity;
    std::int64_t registered{0};
    std::int64_t waitlisted{0};
};
// Events that have someone on their waiting list.
std::vector<SeatTally> events_with_waiting(Database& db);

// How much a check read, for its one-line summary.
struct StoredTotals {
    std::int64_t events{0};
    std::int64_t agenda_items{0};
    std::int64_t registrations{0};
    std::int64_t messages{0};
};
StoredTotals stored_totals(Database& db);

}  // namespace convene::store
