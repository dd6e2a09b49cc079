#pragma once
// The PostgreSQL engine behind sql::Connection, over libpq: one connection per command,
// server-side prepared statements, text parameters and results.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql.hpp"

struct pg_conn;
struct pg_result;

namespace convene::store {

// What the server (or the lost connection to it) reported of a failed statement. The
// connection throws it as convene's error (StorageError, RefusedWrite, EngineError:
// convene/store/database.hpp); only waiting for the writer lock looks at it first.
struct PostgresFailure {
    std::string sqlstate;  // five characters; empty when the connection failed before one came
    std::string message;
    bool connection_lost{false};
};

class PostgresConnection final : public sql::Connection {
public:
    // Connects to a URL or keyword/value string (postgres_location.hpp), or throws
    // StorageError naming the server (never the password). Connecting may take the
    // location's connect_timeout, else `timeout`; so may each answer of the server after.
    PostgresConnection(const std::string& location, std::chrono::seconds timeout);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    sql::Engine engine() const override { return sql::Engine::postgresql; }
    const std::string& name() const override { return m_name; }
    std::unique_ptr<sql::Statement> prepare(std::string_view sql) override;
    std::unique_ptr<sql::Statement> prepare_streamed(std::string_view sql) override;
    std::unique_ptr<sql::Statement> prepare_alone(std::string_view sql) override;
    void execute(std::string_view sql) override;
    bool begin_write(std::chrono::seconds lock_wait) override;
    bool begin_read() override;
    void commit() override;
    void rollback() noexcept override;
    bool in_transaction() const override;
    bool try_lock_event(std::int64_t event_id) override;
    void unlock_event(std::int64_t event_id) noexcept override;
    std::unique_ptr<BulkWriter> bulk_writer(std::int64_t event_id) override;
    std::unique_ptr<sql::RowWriter> row_writer(std::string_view table, std::string_view columns,
                                               int count) override;

    // The rows of a query without parameters, as texts (NULL as empty); nothing when the query
    // names a table that does not exist (undefined_table). Other failures throw.
    std::optional<std::vector<std::vector<std::string>>> rows_unless_undefined_table(
        std::string_view sql);

    // COPY table (columns) FROM STDIN with `data` in COPY's text format (copy_text). The
    // server's answer is read before the next statement is sent, or at commit: meanwhile the
    // caller prepares the next rows while the server still writes these. A failure of the
    // COPY is thrown then, by whatever talks to the server next.
    void copy_in(std::string_view table_and_columns, std::string_view data);

private:
    friend class PostgresStatement;
    friend class PostgresCopyStatement;
    // Starts `copy_sql` (COPY … TO STDOUT) for `owner`: until its last row, or
    // end_copy_out(), any other statement throws std::logic_error.
    void start_copy_out(const std::string& copy_sql, const void* owner);
    // The next row of the COPY under way (libpq's buffer, PQfreemem'd by the caller) and its
    // length with the newline; 0 after the last row, when the COPY's own result has been
    // read (a server error in the middle throws here, as convene's error).
    int next_copy_row(char*& row);
    // Reads what is left of the COPY under way and throws it away, so that the connection
    // can run the next statement (and an open transaction stays usable).
    void end_copy_out() noexcept;
    // Marks the connection given up after waiting `waited` in vain, and says so.
    [[noreturn]] void give_up(std::chrono::seconds waited);
    // Throws std::logic_error while a COPY streams: libpq would mix its rows with the answer.
    void check_no_copy_out() const;
    void connect(const std::optional<std::string>& connect_timeout);
    // The result of what a PQsend* call (its return value, `sent`) asked for, read within
    // the timeout (plus `extra`, the time the server itself may wait for a lock). Null when
    // the call failed (PQerrorMessage says why). Past the deadline the connection is given
    // up: a StorageError now, and for any statement after.
    pg_result* await(int sent, std::chrono::seconds extra = std::chrono::seconds{0});
    // await(send()), once the answer owed to copy_in has been read: every statement is sent
    // through here, as libpq sends nothing while a COPY's answer is unread.
    template <typename Send>
    pg_result* send_and_await(Send send, std::chrono::seconds extra = std::chrono::seconds{0}) {
        read_owed_copy_answer();
        return await(send(), extra);
    }
    // Reads the answer of the last copy_in if it is still owed; throws the COPY's failure.
    void read_owed_copy_answer();
    void execute(std::string_view sql, std::chrono::seconds extra);
    // A statement whose failure does not matter (ROLLBACK, CLOSE, unlocking): never waits on
    // a connection given up.
    void execute_quietly(const std::string& sql) noexcept;
    // What a failed result reports (the result is cleared): its SQLSTATE and first message,
    // or the connection's message when the server sent none (the connection is gone); secrets
    // scrubbed.
    PostgresFailure failure(pg_result* result);
    // That failure as convene's error.
    [[noreturn]] void throw_error(pg_result* result);
    // Runs `sql`; what failed, when the server refused it.
    std::optional<PostgresFailure> try_execute(std::string_view sql, std::chrono::seconds extra);
    // What begin_write owes (BEGIN, the writer lock) as the start of a simple query, to go
    // ahead of the transaction's first statement; empty when nothing is owed. Sets `lock_wait`
    // to how long the server may wait for the lock.
    std::string take_owed_begin(std::chrono::seconds& lock_wait);
    // Sends what begin_write owes now, alone.
    void begin_owed_now();
    // `failed` as convene's error; waiting for the writer lock in vain is writer_busy().
    [[noreturn]] void raise(const PostgresFailure& failed);
    // `numbered_sql` with each $N written as the literal of values[N-1] (NULL when null).
    std::string with_literals(std::string_view numbered_sql,
                              const std::vector<const char*>& values);
    void execute_copy_start(const std::string& sql);

    pg_conn* m_connection{nullptr};
    std::string m_name;
    std::vector<std::string> m_secrets;  // never in a message
    std::chrono::seconds m_timeout;
    bool m_broken{false};
    // Set by begin_write: BEGIN and the writer lock are still to be sent, waiting this long.
    std::optional<std::chrono::seconds> m_owed_lock_wait;
    // While a transaction begun with the writer lock is open: how long it waited.
    std::optional<std::chrono::seconds> m_lock_wait_of_begin;
    int m_next_statement{0};
    // The statement whose COPY … TO STDOUT streams: it alone may read the connection.
    const void* m_copy_out{nullptr};
    // copy_in sent its rows and has not read the server's answer yet.
    bool m_copy_answer_owed{false};
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

// Both kinds of statement read text: whether a column of type `oid` holds an integer (int8,
// int4, int2: what the schema's integer columns and count() come back as), and the integer
// that column `column` of `row`'s current row spells (else a std::runtime_error naming it).
bool is_integer_type(unsigned oid);
std::int64_t integer_in(sql::Statement& row, int column);

// The values bound to the parameters of a statement, as libpq takes them: text, or a null
// pointer for NULL and for a parameter left unbound.
class BoundParameters {
public:
    // `sql` (the statement, for the message about a parameter it lacks) must outlive this.
    BoundParameters(std::string_view sql, int count)
        : m_sql(sql),
          m_values(static_cast<std::size_t>(count)),
          m_bound(static_cast<std::size_t>(count), false) {}

    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view text) { slot(index).assign(text); }
    void bind_null(int index);
    void clear() noexcept { std::fill(m_bound.begin(), m_bound.end(), false); }
    std::vector<const char*> values() const;

private:
    std::string& slot(int index);

    std::string_view m_sql;
    std::vector<std::string> m_values;
    std::vector<bool> m_bound;
};

}  // namespace convene::store
