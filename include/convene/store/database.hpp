#pragma once
// The SQLite file: opening it safely, its versioned schema, and transactions. SQL, and every
// SQLiteCpp type, stay under src/store: this header shows none of them.
#include <chrono>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>

#include "convene/error.hpp"

namespace convene::store {

// The schema this convene writes; PRAGMA user_version of an up-to-date database.
inline constexpr int k_schema_version = 5;

class Transaction;

class Database {
public:
    // How long a write waits for another writer unless told otherwise.
    static constexpr std::chrono::seconds k_default_lock_wait{10};

    // Opens (creating with mode 0600 when missing) and migrates forward in one transaction.
    // A database from a newer convene is refused (StorageError) and left untouched. A write
    // waits up to `lock_wait` for another convene that is writing, then fails (StorageError).
    explicit Database(const std::filesystem::path& path,
                      std::chrono::seconds lock_wait = k_default_lock_wait);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    int schema_version();

    // BEGIN IMMEDIATE: takes the write lock up front, so two writers wait for each other
    // (busy timeout) instead of failing on a read-to-write upgrade.
    Transaction write_transaction();

    // The connection, for the store's own classes (src/store/connection.hpp).
    struct Connection;
    Connection& connection() { return *m_connection; }

private:
    void migrate();
    std::unique_ptr<Connection> m_connection;
    std::chrono::seconds m_lock_wait;
    friend class Transaction;
};

// One write transaction: committed by commit(), rolled back when it goes out of scope without
// (an exception, a --dry-run), so a command writes all of its work or none of it.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();

    void commit();

private:
    Database* m_db;
};

// The convene error an SQLite failure stands for: a busy database is another convene writing,
// a damaged or unreadable file is a storage problem (exit 6). Empty for anything else, which
// is a bug.
std::optional<Error> storage_error(const std::exception& error);

}  // namespace convene::store
