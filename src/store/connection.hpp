#pragma once
// The SQLite connection behind a store::Database, for the store's classes only.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "convene/store/database.hpp"

namespace convene::store {

struct Database::Connection {
    SQLite::Database sqlite;
};

inline SQLite::Database& sqlite(Database& db) { return db.connection().sqlite; }

}  // namespace convene::store
