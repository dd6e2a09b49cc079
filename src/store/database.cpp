#include "convene/store/database.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>

#include "schema.hpp"

namespace convene::store {

namespace fs = std::filesystem;

namespace {

constexpr int k_busy_timeout_ms = 10'000;

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
        throw StorageError(fmt::format("cannot create database {}: {}", path.string(),
                                       std::strerror(errno)));
    }
    if (fd >= 0) ::close(fd);
}

SQLite::Database open_file(const fs::path& path) {
    create_private_file(path);
    return SQLite::Database(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                            k_busy_timeout_ms);
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
    SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
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
                throw StorageError(fmt::format("{} is damaged: column '{}.{}' is missing", name,
                                               table, column),
                                   "restore it from a backup");
            }
        }
    }
}

}  // namespace

Database::Database(const fs::path& path) : m_db(open_file(path)) {
    // Check before any pragma that writes, so a newer database stays untouched.
    refuse_newer(schema_version(), path.string());
    refuse_damaged(schema_version(), path.string());
    m_db.exec("PRAGMA foreign_keys = ON");
    if (!is_memory(path)) {
        m_db.exec("PRAGMA journal_mode = WAL");
        m_db.exec("PRAGMA synchronous = NORMAL");
    }
    migrate();
    verify_shape(m_db, path.string());
}

int Database::schema_version() { return m_db.execAndGet("PRAGMA user_version").getInt(); }

void Database::migrate() {
    if (schema_version() == k_schema_version) return;
    auto transaction = write_transaction();
    // Another process may have migrated while we waited for the lock.
    const int from = schema_version();
    refuse_newer(from, m_db.getFilename());
    refuse_damaged(from, m_db.getFilename());
    try {
        for (int version = from; version < k_schema_version; ++version) {
            m_db.exec(std::string(k_migrations[static_cast<std::size_t>(version)]));
        }
    } catch (const SQLite::Exception& e) {
        // A file that SQLite reads but convene did not write (another program's database).
        throw StorageError(
            fmt::format("cannot set up {} for convene: {}", m_db.getFilename(), e.what()),
            "give --db a new file or a convene database");
    }
    m_db.exec(fmt::format("PRAGMA user_version = {}", k_schema_version));
    transaction.commit();
}

ExitCode exit_code_for(const SQLite::Exception& error) {
    switch (error.getErrorCode() & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_PERM:
        // convene checks its data before writing; a constraint or type that still fails
        // comes from rows changed behind its back.
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH:
        case SQLITE_SCHEMA:
        case SQLITE_FORMAT:
        case SQLITE_TOOBIG:
            return ExitCode::storage;
        default:
            return ExitCode::bug;
    }
}

}  // namespace convene::store
