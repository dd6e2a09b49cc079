#include "sqlite_connection.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/store/database.hpp"
#include "row_writer.hpp"
#include "sqlite_bulk_writer.hpp"

namespace convene::store {

namespace {

// SQLite's error `code` (primary or extended) and message in convene's words: what a person
// can act on is a StorageError, a refused write is weighed by `db check`, and anything else
// is convene's own mistake.
[[noreturn]] void throw_sqlite_error(int code, const std::string& what) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw StorageError("the database is busy: another convene is writing to it",
                               "try again when it has finished");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_SCHEMA:
        case SQLITE_FORMAT:
        case SQLITE_TOOBIG:
            throw StorageError(fmt::format("the database is damaged: {}", what),
                               "restore it from a backup");
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_PERM: throw StorageError(fmt::format("database: {}", what));
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH: throw RefusedWrite(what);
        default: throw EngineError(what);
    }
}

[[noreturn]] void throw_sqlite_error(const SQLite::Exception& error) {
    throw_sqlite_error(error.getErrorCode(), error.what());
}

// The message SQLiteCpp would give: the connection's last error.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int code) {
    throw_sqlite_error(code, sqlite3_errmsg(db));
}

class SqliteStatement final : public sql::Statement {
public:
    SqliteStatement(SQLite::Database& database, std::string_view sql) : m_db(database.getHandle()) {
        check(sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &m_statement,
                                 nullptr));
    }
    ~SqliteStatement() override { sqlite3_finalize(m_statement); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind(int index, std::int64_t value) override {
        check(sqlite3_bind_int64(m_statement, index, value));
    }
    void bind(int index, std::string_view text) override {
        check(sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()),
                                SQLITE_TRANSIENT));
    }
    void bind_reference(int index, std::string_view text) override {
        check(sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()),
                                SQLITE_STATIC));
    }
    void bind_null(int index) override { check(sqlite3_bind_null(m_statement, index)); }

    bool step() override {
        const int result = sqlite3_step(m_statement);
        if (result == SQLITE_ROW) return true;
        if (result == SQLITE_DONE) return false;
        throw_sqlite_error(m_db, result);
    }
    std::int64_t run() override {
        while (step()) {
        }
        return sqlite3_changes64(m_db);
    }
    std::optional<std::int64_t> insert() override {
        if (run() == 0) return std::nullopt;
        return sqlite3_last_insert_rowid(m_db);
    }
    void reset() noexcept override {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }

    bool is_null(int column) override {
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    }
    bool is_integer(int column) override {
        return sqlite3_column_type(m_statement, column) == SQLITE_INTEGER;
    }
    std::int64_t integer(int column) override { return sqlite3_column_int64(m_statement, column); }
    std::string_view text(int column) override {
        // The text first, then its size: the order SQLite documents.
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        if (!text) return {};
        return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column))};
    }
    std::string column_name(int column) override {
        const char* name = sqlite3_column_name(m_statement, column);
        return name ? name : "";
    }

private:
    void check(int result) const {
        if (result != SQLITE_OK) throw_sqlite_error(m_db, result);
    }

    sqlite3* m_db;
    sqlite3_stmt* m_statement{nullptr};
};

// Event locks are bytes of the database file far past SQLite's own lock bytes (at 1 GiB):
// open-file-description locks, which belong to this descriptor and which no other close()
// in the process releases. A file never grows there; locking past the end is allowed.
constexpr off_t k_event_lock_base = off_t{1} << 40;

bool set_event_lock(int fd, std::int64_t event_id, short type) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = k_event_lock_base + static_cast<off_t>(event_id);
    lock.l_len = 1;
    return ::fcntl(fd, F_OFD_SETLK, &lock) == 0;
}

}  // namespace

SqliteConnection::LockFile::~LockFile() {
    if (fd >= 0) ::close(fd);
}

namespace {

// Debian's SQLite is built serialized: every call on a connection locks its mutex, and every
// allocation the allocator's, for the memory statistics. convene uses each connection from
// one thread and reads no statistics; the mutexes were an eighth of a bulk import. The
// setting applies before SQLite first initialises (a later call is refused, harmlessly).
// A statement's journal (the pages it changed, to undo it alone) keeps SQLite's own limit
// in memory, 64 KiB, before it goes to a temporary file. Raised to 1 MiB (SQLITE_CONFIG_
// STMTJRNL_SPILL, any value from 256 KiB), SQLite 3.40 failed to move a larger journal to its
// file: a statement changing thousands of pages, such as deleting an event of 12,000 people,
// ended in "database or disk is full" (tests/cli/test_events.py). The bulk import, which
// it was raised for, needs no statement journal now (sqlite_bulk_writer.cpp).
int open_flags() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
}

}  // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& path,
                                   std::chrono::seconds lock_wait) try
    : m_database(path.string(), open_flags(),
                 static_cast<int>(lock_wait / std::chrono::milliseconds{1})),
      m_name(path.string()) {
} catch (const SQLite::Exception& error) {
    throw_sqlite_error(error);
}

std::unique_ptr<sql::Statement> SqliteConnection::prepare(std::string_view sql) {
    return std::make_unique<SqliteStatement>(m_database, sql);
}

void SqliteConnection::execute(std::string_view sql) {
    try {
        m_database.exec(std::string(sql));
    } catch (const SQLite::Exception& error) {
        throw_sqlite_error(error);
    }
}

bool SqliteConnection::begin_write(std::chrono::seconds /*lock_wait: the busy timeout*/) {
    try {
        // BEGIN IMMEDIATE takes the write lock up front, so two writers wait for each other
        // (busy timeout) instead of failing on a read-to-write upgrade.
        m_database.exec("BEGIN IMMEDIATE");
        return true;
    } catch (const SQLite::Exception& error) {
        const int code = error.getErrorCode() & 0xff;
        if (code != SQLITE_BUSY && code != SQLITE_LOCKED) throw_sqlite_error(error);
        return false;
    }
}

// A deferred transaction: its first read fixes what every later read of it sees (in WAL mode,
// without holding off writers).
bool SqliteConnection::begin_read() {
    if (in_transaction()) return false;
    execute("BEGIN DEFERRED");
    return true;
}

void SqliteConnection::commit() { execute("COMMIT"); }

void SqliteConnection::rollback() noexcept {
    try {
        m_database.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
        // SQLite rolls back by itself after some errors; nothing is left to undo then.
    }
}

bool SqliteConnection::try_lock_event(std::int64_t event_id) {
    if (m_name == ":memory:") return true;  // no other process can see it
    if (m_lock_file.fd < 0) {
        m_lock_file.fd = ::open(m_name.c_str(), O_RDWR | O_CLOEXEC);
        if (m_lock_file.fd < 0) {
            throw_sqlite_error(SQLITE_CANTOPEN, "cannot open the database to lock an event");
        }
    }
    if (set_event_lock(m_lock_file.fd, event_id, F_WRLCK)) return true;
    if (errno == EAGAIN || errno == EACCES) return false;
    throw_sqlite_error(SQLITE_IOERR, "cannot lock an event of the database");
}

void SqliteConnection::unlock_event(std::int64_t event_id) noexcept {
    if (m_lock_file.fd >= 0) set_event_lock(m_lock_file.fd, event_id, F_UNLCK);
}

std::unique_ptr<sql::RowWriter> SqliteConnection::row_writer(std::string_view table,
                                                             std::string_view columns, int count) {
    return sql::statement_row_writer(*this, table, columns, count);
}

std::unique_ptr<BulkWriter> SqliteConnection::bulk_writer(std::int64_t event_id) {
    return std::make_unique<SqliteBulkWriter>(*this, m_database.getHandle(), event_id);
}

bool SqliteConnection::has_column(std::string_view table, std::string_view column) {
    const std::string table_name(table);
    const std::string column_name(column);
    return sqlite3_table_column_metadata(m_database.getHandle(), "main", table_name.c_str(),
                                         column.empty() ? nullptr : column_name.c_str(), nullptr,
                                         nullptr, nullptr, nullptr, nullptr) == SQLITE_OK;
}

bool SqliteConnection::in_transaction() const {
    return sqlite3_get_autocommit(m_database.getHandle()) == 0;
}

}  // namespace convene::store
