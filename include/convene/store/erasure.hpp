#pragma once
// Erasing personal data for good (`forget`, data-protection requests): rows are deleted, not
// marked, and the file keeps no copy of them.
#include <cstdint>
#include <string_view>
#include <vector>

#include "convene/store/database.hpp"

namespace convene::store {

// The events where `email` has a registration (compared case-insensitively), by id.
std::vector<std::int64_t> events_with_registration(Database& db, std::string_view email);

// Deletes the registration, its custom fields and what the ledger holds for that person in
// that event (messages sent, their reply); the freed space is zeroed (secure_delete).
void erase_registration(Database& db, std::int64_t id);

// Leaves no trace of deleted rows in the files: rebuilds the database (VACUUM, which also
// drops old copies of rows that updates left in free space) and empties the write-ahead log.
// Outside any transaction; takes as long as copying the database.
void scrub(Database& db);

}  // namespace convene::store
