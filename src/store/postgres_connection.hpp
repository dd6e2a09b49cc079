#pragma once
// The PostgreSQL engine behind sql::Connection, over libpq: one connection per command,
// server-side prepared statements, text parameters and results.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "sql.hpp"

struct pg_conn;

namespace convene::store {

// An error the server (or the lost connection to it) reported; storage_error() words it.
class PostgresError : public std::runtime_error {
public:
    PostgresError(std::string sqlstate, const std::string& message, bool connection_lost)
        : std::runtime_error(message),
          m_sqlstate(std::move(sqlstate)),
          m_connection_lost(connection_lost) {}
    // The five-character SQLSTATE; empty when the connection failed before one came.
    const std::string& sqlstate() const { return m_sqlstate; }
    bool connection_lost() const { return m_connection_lost; }

private:
    std::string m_sqlstate;
    bool m_connection_lost;
};

// The URL as messages show it: any password replaced by "****".
std::string without_password(std::string_view url);

class PostgresConnection final : public sql::Connection {
public:
    // Connects, or throws StorageError naming the server (never the password).
    explicit PostgresConnection(const std::string& url);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    sql::Engine engine() const override { return sql::Engine::postgresql; }
    const std::string& name() const override { return m_name; }
    std::unique_ptr<sql::Statement> prepare(std::string_view sql) override;
    std::unique_ptr<sql::Statement> prepare_streamed(std::string_view sql) override;
    void execute(std::string_view sql) override;
    bool begin_write(std::chrono::seconds lock_wait) override;
    bool begin_read() override;
    void commit() override;
    void rollback() noexcept override;
    bool in_transaction() const override;
    bool try_lock_event(std::int64_t event_id) override;
    void unlock_event(std::int64_t event_id) noexcept override;

    // COPY table (columns) FROM STDIN with `data` in COPY's text format (copy_text).
    void copy_in(std::string_view table_and_columns, std::string_view data);

private:
    friend class PostgresStatement;
    void execute_copy_start(const std::string& sql);

    pg_conn* m_connection{nullptr};
    std::string m_name;
    int m_next_statement{0};
};

// Appends `text` to a row of COPY's text format: backslash, tab, newline and carriage
// return escaped.
void append_copy_text(std::string& row, std::string_view text);

// SQLite's `?` and `?N` parameters as PostgreSQL's `$N`; quoted text and comments unchanged.
struct NumberedSql {
    std::string sql;
    int parameters{0};  // the highest N
};
NumberedSql numbered_parameters(std::string_view sql);

}  // namespace convene::store
