#include "convene/store/database.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "postgres_connection.hpp"
#include "postgres_schema.hpp"
#include "schema.hpp"
#include "sqlite_connection.hpp"

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
            "create the database where the link points, or name the real path");
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

// What the migrations create (k_schema_shape): a database that claims the current schema but
// lacks a table or a column (dropped by hand, a half-restored copy) would otherwise fail later
// in the middle of a command, with an SQL error. `has(table, column)` answers for a column,
// or with an empty column for the table itself.
template <typename Lookup>
void verify_shape(const std::string& name, Lookup has) {
    for (const auto& [table, columns] : k_schema_shape) {
        std::string_view rest = columns;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const auto column = rest.substr(0, comma);
            rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
            if (has(table, column)) continue;
            if (!has(table, {})) {
                throw StorageError(fmt::format("{} is damaged: table '{}' is missing", name, table),
                                   "restore it from a backup");
            }
            throw StorageError(
                fmt::format("{} is damaged: column '{}.{}' is missing", name, table, column),
                "restore it from a backup");
        }
    }
}

// SQLite answers from the schema it has already read (no statement: reading pragma_table_info
// for every table was a tenth of a `register`).
void verify_sqlite_shape(SqliteConnection& db) {
    verify_shape(db.name(), [&](std::string_view table, std::string_view column) {
        return db.has_column(table, column);
    });
}

// PostgreSQL: one query of the catalog itself (information_schema's views cost tens of
// milliseconds, on every command).
using PostgresShape = std::map<std::string, std::set<std::string>, std::less<>>;

void verify_postgres_shape(const std::string& name, const PostgresShape& shape) {
    verify_shape(name, [&](std::string_view table, std::string_view column) {
        const auto found = shape.find(table);
        if (found == shape.end()) return false;
        return column.empty() || found->second.count(std::string(column)) > 0;
    });
}

constexpr std::string_view k_postgres_columns =
    "FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid "
    "WHERE c.relnamespace = CAST(current_schema() AS regnamespace) "
    "AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped";

void verify_postgres_shape(sql::Connection& db) {
    PostgresShape shape;
    auto columns = db.prepare(fmt::format("SELECT c.relname, a.attname {}", k_postgres_columns));
    while (columns->step()) shape[columns->string(0)].insert(columns->string(1));
    verify_postgres_shape(db.name(), shape);
}

// Whether the database holds the current schema, whole; false when the version differs or
// cannot be read here (Database::open_postgres then takes the way that says what is wrong).
bool is_current_postgres_schema(PostgresConnection& db) {
    const auto rows = db.rows_unless_undefined_table(
        fmt::format("SELECT (SELECT max(version) FROM convene_schema), c.relname, a.attname {}",
                    k_postgres_columns));
    if (!rows || rows->empty() || (*rows)[0][0] != fmt::format_int(k_schema_version).str()) {
        return false;
    }
    PostgresShape shape;
    for (const auto& row : *rows) shape[row[1]].insert(row[2]);
    verify_postgres_shape(db.name(), shape);
    return true;
}

std::int64_t single_integer(sql::Connection& db, std::string_view query) {
    auto statement = db.prepare(query);
    return statement->step() && !statement->is_null(0) ? statement->integer(0) : 0;
}

}  // namespace

Database::Database(const fs::path& location, std::chrono::seconds lock_wait,
                   IfNoSchema if_no_schema, std::chrono::seconds timeout)
    : m_lock_wait(lock_wait) {
    if (is_postgres_url(location.string())) {
        m_connection = std::make_unique<PostgresConnection>(location.string(), timeout);
        open_postgres(if_no_schema);
    } else {
        create_private_file(location);
        m_connection = std::make_unique<SqliteConnection>(location, lock_wait);
        open_sqlite(location);
    }
}

Database::~Database() = default;

bool Database::is_postgres() const { return m_connection->engine() == sql::Engine::postgresql; }

const std::string& Database::name() const { return m_connection->name(); }

void Database::open_sqlite(const fs::path& path) {
    auto& db = *m_connection;
    // Check before any pragma that writes, so a newer database stays untouched.
    const int version = schema_version();
    refuse_newer(version, name());
    refuse_damaged(version, name());
    if (!is_memory(path)) {
        db.execute("PRAGMA journal_mode = WAL");
        db.execute("PRAGMA synchronous = NORMAL");
    }
    if (version != k_schema_version) {
        // Migrations run with foreign keys off, as SQLite asks for a table rebuild (create,
        // copy, drop, rename): dropping the old table must not cascade into the rows that
        // refer to it. migrate_sqlite() checks every reference before it commits.
        db.execute("PRAGMA foreign_keys = OFF");
        migrate_sqlite();
    }
    db.execute("PRAGMA foreign_keys = ON");
    verify_sqlite_shape(static_cast<SqliteConnection&>(db));  // the one the constructor made
}

void Database::open_postgres(IfNoSchema if_no_schema) {
    // The usual case in one round trip: the version and the shape in one query, which fails
    // (and the longer way below says why) when there is no convene_schema table.
    if (is_current_postgres_schema(static_cast<PostgresConnection&>(*m_connection))) return;
    if (schema_version() == 0 && if_no_schema == IfNoSchema::refuse) {
        throw StorageError(fmt::format("{} has no convene schema", name()),
                           "create it once with 'convene db init'");
    }
    refuse_newer(schema_version(), name());
    migrate_postgres(if_no_schema);
    verify_postgres_shape(*m_connection);
}

int Database::schema_version() {
    auto& db = *m_connection;
    if (!is_postgres()) return static_cast<int>(single_integer(db, "PRAGMA user_version"));
    if (single_integer(db,
                       "SELECT count(*) FROM pg_class WHERE relname = 'convene_schema' "
                       "AND relnamespace = CAST(current_schema() AS regnamespace)") == 0) {
        return 0;
    }
    return static_cast<int>(single_integer(db, "SELECT max(version) FROM convene_schema"));
}

Transaction Database::write_transaction() { return Transaction(*this); }

ReadSnapshot Database::read_snapshot() { return ReadSnapshot(*this); }

EventLock Database::lock_event(std::int64_t event_id, std::string_view task) {
    using Clock = std::chrono::steady_clock;
    const auto give_up = Clock::now() + m_lock_wait;
    while (!m_connection->try_lock_event(event_id)) {
        if (Clock::now() >= give_up) {
            throw StorageError(
                fmt::format("another convene is {} for this event (waited {} s)", task,
                            m_lock_wait.count()),
                "let it finish; run the command again then, it does only what is left");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    return EventLock(*this, event_id);
}

EventLock::~EventLock() {
    if (m_db) m_db->connection().unlock_event(m_event_id);
}

void Database::migrate_sqlite() {
    if (schema_version() == k_schema_version) return;
    auto transaction = write_transaction();
    auto& db = *m_connection;
    // Another process may have migrated while we waited for the lock.
    const int from = schema_version();
    refuse_newer(from, name());
    refuse_damaged(from, name());
    try {
        for (int version = from; version < k_schema_version; ++version) {
            db.execute(k_migrations[static_cast<std::size_t>(version)]);
        }
    } catch (const EngineError& e) {
        // A file that SQLite reads but convene did not write (another program's database).
        throw StorageError(fmt::format("cannot set up {} for convene: {}", name(), e.what()),
                           "name a new file or a convene database");
    }
    auto broken_references = db.prepare("PRAGMA foreign_key_check");
    if (broken_references->step()) {
        throw StorageError(
            fmt::format("cannot migrate {}: table {} refers to rows that do not exist", name(),
                        broken_references->string(0)),
            "restore the database from a backup; it was not changed");
    }
    db.execute(fmt::format("PRAGMA user_version = {}", k_schema_version));
    transaction.commit();
}

void Database::migrate_postgres(IfNoSchema if_no_schema) {
    if (schema_version() == k_schema_version) return;
    // The writer lock also keeps two `db init` runs from creating the tables twice.
    auto transaction = write_transaction();
    auto& db = *m_connection;
    int from = schema_version();
    refuse_newer(from, name());
    if (from == 0) {
        if (if_no_schema == IfNoSchema::refuse) {
            throw StorageError(fmt::format("{} has no convene schema", name()),
                               "create it once with 'convene db init'");
        }
        db.execute(k_postgres_schema);
        from = k_postgres_first_version;
        db.execute(fmt::format("INSERT INTO convene_schema (version) VALUES ({})", from));
    }
    if (from < k_postgres_first_version) {
        throw StorageError(fmt::format("{} holds an unknown convene schema {}", name(), from),
                           "restore it from a backup");
    }
    for (int version = from; version < k_schema_version; ++version) {
        db.execute(
            k_postgres_migrations[static_cast<std::size_t>(version - k_postgres_first_version)]);
    }
    db.execute(fmt::format("UPDATE convene_schema SET version = {}", k_schema_version));
    transaction.commit();
}

StorageError writer_busy(std::chrono::seconds waited) {
    return StorageError(
        fmt::format("the database is busy: another convene is writing to it (waited {} s)",
                    waited.count()),
        "try again when it has finished, or wait longer with database.lock_wait in "
        "convene.toml or CONVENE_LOCK_WAIT, e.g. 2m");
}

Transaction::Transaction(Database& db) : m_db(&db) {
    if (db.connection().begin_write(db.m_lock_wait)) return;
    m_db = nullptr;
    // The lock is taken here, up front (PostgreSQL: with the transaction's first statement):
    // this is where a second writer waits, and gives up.
    throw writer_busy(db.m_lock_wait);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }

Transaction::~Transaction() {
    if (m_db) m_db->connection().rollback();
}

void Transaction::commit() {
    m_db->connection().commit();
    m_db = nullptr;
}

ReadSnapshot::ReadSnapshot(Database& db) : m_db(db.connection().begin_read() ? &db : nullptr) {}

ReadSnapshot::ReadSnapshot(ReadSnapshot&& other) noexcept : m_db(other.m_db) {
    other.m_db = nullptr;
}

ReadSnapshot::~ReadSnapshot() {
    if (m_db) m_db->connection().rollback();
}

}  // namespace convene::store
