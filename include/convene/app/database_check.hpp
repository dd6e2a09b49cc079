#pragma once
// `convene db check`, like `git fsck`: the engine's own integrity and every invariant convene
// keeps, read from the rows themselves. It changes nothing. The end-to-end tests run it after
// every test that writes, and convene says "the database is damaged" only when it would agree.
#include <string>
#include <vector>

#include "convene/store/database.hpp"
#include "convene/store/integrity.hpp"

namespace convene::app {

struct CheckReport {
    std::string database;  // its name for messages (a URL without its password)
    store::StoredTotals checked;
    std::vector<store::Finding> problems;  // empty: sound
};

// Runs every check in one read snapshot. Besides the store's (store/integrity.hpp), the
// waiting list: nobody waits while a seat is free (domain::SeatCounter), except in a
// cancelled event, where nobody moves. Waiting-list positions are not stored: they are the
// order of registration (time, then id), so they are contiguous and in order by construction.
CheckReport check_database(store::Database& db);

}  // namespace convene::app
