#pragma once
// The seam between the stores and the two database engines: a connection that prepares
// statements, and statements that bind parameters and read rows. The stores write their SQL
// once, with SQLite's `?` and `?N` parameters; the PostgreSQL connection numbers them `$N`.
// SQL that differs between the engines is chosen in the store that needs it (dialect.hpp).
// Connections and statements throw convene's errors, never their engine's: StorageError,
// RefusedWrite or EngineError (convene/store/database.hpp).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "convene/error.hpp"

namespace convene::store {
class BulkWriter;

// A writer that waited `waited` for the write lock in vain (Database::write_transaction(), or
// a connection that takes the lock with its transaction's first statement).
StorageError writer_busy(std::chrono::seconds waited);
}  // namespace convene::store

namespace convene::store::sql {

enum class Engine { sqlite, postgresql };

class RowWriter;

class Statement {
public:
    virtual ~Statement() = default;

    // Parameters count from 1. A text is copied unless bound by reference, which the caller
    // keeps alive until the statement has run (the bulk import's hot path).
    virtual void bind(int index, std::int64_t value) = 0;
    virtual void bind(int index, std::string_view text) = 0;
    virtual void bind_reference(int index, std::string_view text) = 0;
    virtual void bind_null(int index) = 0;
    void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, std::optional<std::int64_t> value) {
        if (value) bind(index, *value);
        else bind_null(index);
    }

    // Runs the statement on the first call; true while a row is there to read.
    virtual bool step() = 0;
    // Runs a statement that returns no row; how many rows it changed.
    virtual std::int64_t run() = 0;
    // Runs an INSERT of one row whose SQL ends with dialect::returning_id(): the row's id, or
    // nothing when no row went in (ON CONFLICT … DO NOTHING).
    virtual std::optional<std::int64_t> insert() = 0;
    // Ready to run again, with no parameter bound.
    virtual void reset() noexcept = 0;

    // Columns of the current row count from 0.
    virtual bool is_null(int column) = 0;
    virtual bool is_integer(int column) = 0;
    virtual std::int64_t integer(int column) = 0;
    // Valid until the next step() or reset().
    virtual std::string_view text(int column) = 0;
    virtual std::string column_name(int column) = 0;
    std::string string(int column) { return std::string(text(column)); }
};

class Connection {
public:
    virtual ~Connection() = default;
    virtual Engine engine() const = 0;
    // For messages: the file's path, or the URL without its password.
    virtual const std::string& name() const = 0;
    virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
    // For a SELECT that may return very many rows, read in a snapshot (Database::read_snapshot())
    // or a transaction: rows come in batches, so memory stays flat (SQLite steps row by row anyway;
    // PostgreSQL would otherwise hold the whole result).
    virtual std::unique_ptr<Statement> prepare_streamed(std::string_view sql) {
        return prepare(sql);
    }
    // For a SELECT of very many rows read to its last row (or reset) with no other statement on
    // this connection in between: the caller's visits print and never query. PostgreSQL then
    // streams the rows (COPY … TO STDOUT) instead of fetching batches from a cursor, one round
    // trip each, while the server waits; a statement run before the last row is read throws
    // std::logic_error. SQLite steps row by row anyway.
    virtual std::unique_ptr<Statement> prepare_alone(std::string_view sql) {
        return prepare_streamed(sql);
    }
    // Statements without parameters or rows (DDL, BEGIN, a pragma); several, `;`-separated.
    virtual void execute(std::string_view sql) = 0;

    // One writer at a time, as SQLite has it: the write lock is taken up front and held to
    // the end of the transaction. Waits up to `lock_wait` for another writer, then returns
    // false (nothing begun).
    virtual bool begin_write(std::chrono::seconds lock_wait) = 0;
    // A snapshot for reads that take several statements (a list and its custom fields, the
    // counts of `stats`, a copy of events with all they hold); false when a transaction is
    // already open, which gives the snapshot already. See Database::read_snapshot().
    virtual bool begin_read() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual bool in_transaction() const = 0;

    // A lock held across transactions, for the whole of a long task on one event (`send`),
    // released by unlock() or when the process ends, however it ends. False when another
    // process holds it.
    virtual bool try_lock_event(std::int64_t event_id) = 0;
    virtual void unlock_event(std::int64_t event_id) noexcept = 0;

    // The writer of a bulk import's new registrations into `event_id`, the engine's fastest
    // way (bulk_writer.hpp). The caller holds the write transaction.
    virtual std::unique_ptr<BulkWriter> bulk_writer(std::int64_t event_id) = 0;
    // Rows appended to `table` the engine's fastest way inside the caller's write transaction
    // (row_writer.hpp); `columns` as SQL lists them, `count` how many.
    virtual std::unique_ptr<RowWriter> row_writer(std::string_view table, std::string_view columns,
                                                  int count) = 0;
};

// A statement prepared on its first use and kept for the store's life: a command that
// registers one person prepares the few it needs, not all of them.
class Lazy {
public:
    // many: prepare_streamed; alone: prepare_alone.
    enum class Rows { few, many, alone };
    Lazy(Connection& connection, std::string sql, Rows rows = Rows::few)
        : m_connection(connection), m_sql(std::move(sql)), m_rows(rows) {}
    Statement& operator*() {
        if (!m_statement) {
            m_statement = m_rows == Rows::many    ? m_connection.prepare_streamed(m_sql)
                          : m_rows == Rows::alone ? m_connection.prepare_alone(m_sql)
                                                  : m_connection.prepare(m_sql);
        }
        return *m_statement;
    }

private:
    Connection& m_connection;
    std::string m_sql;
    Rows m_rows;
    std::unique_ptr<Statement> m_statement;
};

// One use of a statement the store keeps. Reset after each use, so that no half-read SELECT
// keeps a read snapshot open and the next use starts with no values bound: a kept statement
// is only ever used through Use, so it is at rest when the next one begins.
class Use {
public:
    explicit Use(Statement& statement) : m_statement(statement) {}
    ~Use() { m_statement.reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Statement* operator->() { return &m_statement; }
    Statement& operator*() { return m_statement; }

private:
    Statement& m_statement;
};

}  // namespace convene::store::sql
