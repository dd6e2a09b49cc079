#pragma once
// The database: a SQLite file (the default) or a team's PostgreSQL server; opening it safely,
// its versioned schema, and transactions. SQL, and every SQLiteCpp and libpq type, stay under
// src/store: this header shows none of them.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "convene/error.hpp"

namespace convene::store {

// The schema this convene writes: PRAGMA user_version of an up-to-date SQLite file, the
// version in convene_schema on PostgreSQL.
inline constexpr int k_schema_version = 12;

class Transaction;
class ReadSnapshot;
class EventLock;
namespace sql {
class Connection;
}

// What a store's check_rows() tells of each row that does not read back (`db check`): its id
// (for a row without one of its own, its event's) and why.
using DamagedRows = std::function<void(std::int64_t id, const std::string& why)>;

// Whether a --db, CONVENE_DB or database.url value names a PostgreSQL database (a
// postgresql:// or postgres:// URL, or a libpq keyword/value string such as
// "host=db dbname=convene") rather than a SQLite file.
bool is_postgres_url(std::string_view location);

class Database {
public:
    // How long a write waits for another writer unless told otherwise.
    static constexpr std::chrono::seconds k_default_lock_wait{10};
    // How long a PostgreSQL server may take to answer (database.timeout).
    static constexpr std::chrono::seconds k_default_timeout{30};

    // What to do with a PostgreSQL database that has no convene schema yet. A SQLite file
    // always gets its schema: it is convene's own.
    enum class IfNoSchema { refuse, create };

    // Opens a SQLite file (creating it with mode 0600 when missing) or connects to the
    // PostgreSQL URL, and migrates forward in one transaction. A database from a newer
    // convene is refused (StorageError) and left untouched. A write waits up to `lock_wait`
    // for another convene that is writing, then fails (StorageError). A PostgreSQL server
    // that does not answer within `timeout` (connecting: the URL's connect_timeout, if any)
    // is given up (StorageError).
    explicit Database(const std::filesystem::path& location,
                      std::chrono::seconds lock_wait = k_default_lock_wait,
                      IfNoSchema if_no_schema = IfNoSchema::refuse,
                      std::chrono::seconds timeout = k_default_timeout);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    int schema_version();

    // Takes the write lock up front (BEGIN IMMEDIATE; on PostgreSQL an advisory lock), so
    // two writers wait for each other instead of failing halfway.
    Transaction write_transaction();

    // Every read until the snapshot goes sees the database as it was at the first one, also
    // when another process writes meanwhile. Inside a transaction, that transaction's view.
    ReadSnapshot read_snapshot();

    // For a task that spans many transactions on one event and must not run twice at once
    // (`send`: two runs would hand the same message to the mail system). Waits up to the lock
    // wait for another convene doing it, then fails (StorageError naming `task`). Released
    // when the EventLock goes, or when the process ends, however it ends.
    EventLock lock_event(std::int64_t event_id, std::string_view task);

    bool is_postgres() const;
    // The file's path or the URL without its password, for messages.
    const std::string& name() const;

    // The connection, for the store's own classes (src/store/sql.hpp).
    sql::Connection& connection() { return *m_connection; }

private:
    void open_sqlite(const std::filesystem::path& path);
    void open_postgres(IfNoSchema if_no_schema);
    void migrate_sqlite();
    void migrate_postgres(IfNoSchema if_no_schema);
    std::unique_ptr<sql::Connection> m_connection;
    std::chrono::seconds m_lock_wait;
    friend class Transaction;
};

class EventLock {
public:
    EventLock(Database& db, std::int64_t event_id) : m_db(&db), m_event_id(event_id) {}
    EventLock(EventLock&& other) noexcept : m_db(other.m_db), m_event_id(other.m_event_id) {
        other.m_db = nullptr;
    }
    EventLock& operator=(EventLock&&) = delete;
    ~EventLock();

private:
    Database* m_db;
    std::int64_t m_event_id;
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

// A read-only view of one state of the database; nothing to commit (see read_snapshot()).
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database& db);
    ReadSnapshot(ReadSnapshot&& other) noexcept;
    ReadSnapshot& operator=(ReadSnapshot&&) = delete;
    ~ReadSnapshot();

private:
    Database* m_db;  // null when the snapshot is an enclosing transaction's
};

// Each connection turns its engine's errors into convene's where it calls the engine: what
// a person can act on (busy, damaged, unreadable, a lost server) is a StorageError (exit 6).
// What is left is one of these two, neither of which has an exit code of its own.

// What the engine said that convene has no words of its own for: a bug in convene (exit 1),
// or, while setting up a file, a database that is not convene's.
class EngineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A write the database refused by a constraint or a type (SQLite's CONSTRAINT or MISMATCH,
// PostgreSQL's classes 22 and 23). convene checks its values before it writes, so either a
// row was changed behind its back (damage, which `db check` then finds) or convene broke its
// own rules (a bug): run_app weighs it with `db check`.
class RefusedWrite : public EngineError {
public:
    using EngineError::EngineError;
};

}  // namespace convene::store
