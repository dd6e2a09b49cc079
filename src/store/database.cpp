#include "convene/store/database.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>

#include "connection.hpp"
#include "schema.hpp"

namespace convene::store {

namespace fs = std::filesystem;

namespace {

bool is_memory(const fs::path& path) { return path == ":memory:"; }

// Registrations hold personal data: a new database file is readable by its owner only.
// SQLite gives its -wal and -shm files the same mode as the database file.
void create_private_file(const fs::path& path) {
    if (is_memory(path)) return;
    std::error_code error;
    const auto status = fs::symlink_status(path, error);
    if (fs::is_symlink(status) && !fs::exists(path, error)) {
        // SQLite would create the link's target with the umask's mode, 0644 mostly.
        throw StorageError(
            fmt::format("database {} is a symbolic link to a missing file", path.string()),
            "create the database where the link points, or give --db the real path");
    }
    if (fs::is_directory(path, error)) {
        throw StorageError(fmt::format("database {} is a directory", path.string()));
    }
    if (fs::exists(path, error)) return;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        throw StorageError(
            fmt::format("cannot create database {}: {}", path.string(), std::strerror(errno)));
    }
    if (fd >= 0) ::close(fd);
}

SQLite::Database open_file(const fs::path& path, std::chrono::seconds lock_wait) {
    create_private_file(path);
    return SQLite::Database(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                            static_cast<int>(lock_wait / std::chrono::milliseconds{1}));
}

void refuse_newer(int version, const std::string& name) {
    if (version > k_schema_version) {
        throw StorageError(
            fmt::format("{} was written by a newer convene (schema {}, this one knows {})", name,
                        version, k_schema_version),
            "upgrade convene; the database was not touched");
    }
}

void refuse_damaged(int version, const std::string& name) {
    if (version < 0) {
        throw StorageError(fmt::format("{} is not a convene database (schema {})", name, version),
                           "restore it from a backup");
    }
}

// Table name → column names, as SQLite reports them.
using Shape = std::map<std::string, std::vector<std::string>>;

Shape shape_of(SQLite::Database& db) {
    Shape shape;
    SQLite::Statement tables(db,
                             "SELECT name FROM sqlite_master WHERE type = 'table' "
                             "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (tables.executeStep()) shape[tables.getColumn(0).getString()];
    for (auto& [table, columns] : shape) {
        SQLite::Statement info(db, "SELECT name FROM pragma_table_info(?)");
        info.bind(1, table);
        while (info.executeStep()) columns.push_back(info.getColumn(0).getString());
    }
    return shape;
}

// What the migrations create, built once in memory: a database that claims the current
// schema but lacks a table or a column (dropped by hand, a half-restored copy) would
// otherwise fail later in the middle of a command, with an SQL error.
const Shape& expected_shape() {
    static const Shape shape = [] {
        SQLite::Database memory(":memory:", SQLite::OPEN_READWRITE);
        for (const auto migration : k_migrations) memory.exec(std::string(migration));
        return shape_of(memory);
    }();
    return shape;
}

void verify_shape(SQLite::Database& db, const std::string& name) {
    const auto actual = shape_of(db);
    for (const auto& [table, columns] : expected_shape()) {
        const auto found = actual.find(table);
        if (found == actual.end()) {
            throw StorageError(fmt::format("{} is damaged: table '{}' is missing", name, table),
                               "restore it from a backup");
        }
        for (const auto& column : columns) {
            if (std::find(found->second.begin(), found->second.end(), column) ==
                found->second.end()) {
                throw StorageError(
                    fmt::format("{} is damaged: column '{}.{}' is missing", name, table, column),
                    "restore it from a backup");
            }
        }
    }
}

}  // namespace

Database::Database(const fs::path& path, std::chrono::seconds lock_wait)
    : m_connection(std::make_unique<Connection>(Connection{open_file(path, lock_wait)})),
      m_lock_wait(lock_wait) {
    auto& db = m_connection->sqlite;
    // Check before any pragma that writes, so a newer database stays untouched.
    refuse_newer(schema_version(), path.string());
    refuse_damaged(schema_version(), path.string());
    db.exec("PRAGMA foreign_keys = ON");
    if (!is_memory(path)) {
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
    }
    migrate();
    verify_shape(db, path.string());
}

Database::~Database() = default;

int Database::schema_version() {
    return m_connection->sqlite.execAndGet("PRAGMA user_version").getInt();
}

Transaction Database::write_transaction() { return Transaction(*this); }

void Database::migrate() {
    if (schema_version() == k_schema_version) return;
    auto transaction = write_transaction();
    auto& db = m_connection->sqlite;
    // Another process may have migrated while we waited for the lock.
    const int from = schema_version();
    refuse_newer(from, db.getFilename());
    refuse_damaged(from, db.getFilename());
    try {
        for (int version = from; version < k_schema_version; ++version) {
            db.exec(std::string(k_migrations[static_cast<std::size_t>(version)]));
        }
    } catch (const SQLite::Exception& e) {
        // A file that SQLite reads but convene did not write (another program's database).
        throw StorageError(
            fmt::format("cannot set up {} for convene: {}", db.getFilename(), e.what()),
            "give --db a new file or a convene database");
    }
    db.exec(fmt::format("PRAGMA user_version = {}", k_schema_version));
    transaction.commit();
}

Transaction::Transaction(Database& db) : m_db(&db) {
    try {
        sqlite(db).exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& error) {
        m_db = nullptr;
        const int code = error.getErrorCode() & 0xff;
        if (code != SQLITE_BUSY && code != SQLITE_LOCKED) throw;
        // The lock is taken here, up front: this is where a second writer waits, and gives up.
        throw StorageError(
            fmt::format("the database is busy: another convene is writing to it (waited {} s)",
                        db.m_lock_wait.count()),
            "try again when it has finished, or wait longer with database.lock_wait in "
            "convene.toml or CONVENE_LOCK_WAIT, e.g. 2m");
    }
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }

Transaction::~Transaction() {
    if (!m_db) return;
    try {
        sqlite(*m_db).exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
        // SQLite rolls back by itself after some errors; nothing is left to undo then.
    }
}

void Transaction::commit() {
    sqlite(*m_db).exec("COMMIT");
    m_db = nullptr;
}

std::optional<Error> storage_error(const std::exception& error) {
    const auto* sqlite_error = dynamic_cast<const SQLite::Exception*>(&error);
    if (!sqlite_error) return std::nullopt;
    const std::string what = sqlite_error->what();
    switch (sqlite_error->getErrorCode() & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return StorageError("the database is busy: another convene is writing to it",
                                "try again when it has finished");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return StorageError(fmt::format("the database is damaged: {}", what),
                                "restore it from a backup");
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_PERM: return StorageError(fmt::format("database: {}", what));
        // convene checks its data before writing; a constraint or type that still fails
        // comes from rows changed behind its back.
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH:
        case SQLITE_SCHEMA:
        case SQLITE_FORMAT:
        case SQLITE_TOOBIG:
            return StorageError(fmt::format("the database is damaged: {}", what),
                                "restore it from a backup");
        default: return std::nullopt;
    }
}

}  // namespace convene::store
