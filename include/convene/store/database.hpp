#pragma once
// The SQLite file: opening it safely, its versioned schema, and transactions.
// SQL lives only under src/store.
#include <filesystem>
#include <memory>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include "convene/error.hpp"

namespace convene::store {

// The schema this convene writes; PRAGMA user_version of an up-to-date database.
inline constexpr int k_schema_version = 2;

class Database {
public:
    // Opens (creating with mode 0600 when missing) and migrates forward in one transaction.
    // A database from a newer convene is refused (StorageError) and left untouched.
    explicit Database(const std::filesystem::path& path);

    SQLite::Database& handle() { return m_db; }
    int schema_version();

    // BEGIN IMMEDIATE: takes the write lock up front, so two writers wait for each other
    // (busy timeout) instead of failing on a read-to-write upgrade.
    SQLite::Transaction write_transaction() {
        return SQLite::Transaction(m_db, SQLite::TransactionBehavior::IMMEDIATE);
    }

private:
    void migrate();
    SQLite::Database m_db;
};

// Exit code for an SQLite failure: locked, corrupt, unreadable → storage; anything else is a bug.
ExitCode exit_code_for(const SQLite::Exception& error);

}  // namespace convene::store
