#pragma once
// The SQLite handle behind a store::Database, for the tests that look at the file itself
// (pragmas, query plans, rows changed behind convene's back). convene goes through
// sql::Connection.
#include <SQLiteCpp/Database.h>

#include "convene/store/database.hpp"
#include "store/sqlite_connection.hpp"

namespace convene::store {

// Only for a database opened on a SQLite file.
inline SQLite::Database& sqlite(Database& db) {
    return static_cast<SqliteConnection&>(db.connection()).database();
}

}  // namespace convene::store
