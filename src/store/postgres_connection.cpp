#include "postgres_connection.hpp"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/store/database.hpp"
#include "convene/text/printable.hpp"
#include "postgres_bulk_writer.hpp"
#include "postgres_copy_statement.hpp"
#include "postgres_library.hpp"
#include "postgres_location.hpp"
#include "postgres_row_writer.hpp"

namespace convene::store {

namespace {

const PostgresLibrary& pq() { return postgres_library(); }

// pg_advisory_xact_lock's key for "one convene writer at a time in this database": the bytes
// of "convene". Advisory locks belong to one database, so two convene databases on one
// server do not wait for each other.
constexpr std::int64_t k_writer_lock = 0x636f6e76656e65;
// Event locks take the two-key form (a different key space): "conv", then the event's id.
constexpr std::int32_t k_event_lock_class = 0x636f6e76;
// Rows a streamed statement holds at a time.
constexpr int k_batch_rows = 5000;

using Clock = std::chrono::steady_clock;

std::string first_line(std::string_view text) {
    const auto end = text.find('\n');
    return std::string(text.substr(0, end));
}

// Whether the socket became ready before the deadline.
bool wait_for(int socket, bool to_write, Clock::time_point deadline) {
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd ready{socket, static_cast<short>(to_write ? POLLOUT : POLLIN), 0};
        const int n = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left, 60'000)));
        if (n > 0) return true;
        if (n < 0 && errno != EINTR) return true;  // libpq sees the error and reports it
    }
}

// Server messages that are no answer to a statement: a WARNING, or the FATAL an idle
// connection gets when the server shuts down. They go through convene's own warning line,
// scrubbed of secrets, never raw to stderr as libpq's default processor prints them.
// NOTICEs ("relation … exists, skipping") are for a server log, not convene's stderr.
void receive_notice(void* secrets, const PGresult* result) {
    const char* severity = pq().PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (!severity) severity = pq().PQresultErrorField(result, PG_DIAG_SEVERITY);
    const std::string_view level = severity ? severity : "";
    if (level == "NOTICE" || level == "INFO" || level == "LOG" || level == "DEBUG") return;
    const char* primary = pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const auto& hidden = *static_cast<const std::vector<std::string>*>(secrets);
    std::cerr << "convene: warning: the PostgreSQL server says: "
              << text::printable(scrubbed(primary ? primary : "", hidden)) << '\n';
}

// A failure in convene's words, by its SQLSTATE class (PostgreSQL's appendix A): what a
// person can act on is a StorageError, a refused write is weighed by `db check`, and
// anything else is convene's own mistake.
[[noreturn]] void throw_failure(const PostgresFailure& failure) {
    const std::string& state = failure.sqlstate;
    const std::string& what = failure.message;
    const std::string kind = state.substr(0, 2);
    // query_canceled (a statement_timeout, or a cancel request): the connection is fine.
    if (state == "57014" && !failure.connection_lost) {
        throw StorageError(fmt::format("the database server stopped the command: {}", what),
                           "nothing was written; run it again, or ask the server's "
                           "administrator about its statement_timeout");
    }
    if (failure.connection_lost || kind == "08" || kind == "57") {
        throw StorageError(fmt::format("lost the connection to the database server: {}", what),
                           "nothing was written; run the command again when the server is back");
    }
    if (state == "40001" || state == "40P01" || state == "55P03") {
        throw StorageError("the database is busy: another convene is writing to it",
                           "try again when it has finished");
    }
    if (kind == "53" || kind == "58" || kind == "XX") {
        throw StorageError(fmt::format("database: {}", what));
    }
    // undefined_table, undefined_column: a table or column dropped behind convene's back.
    if (state == "42P01" || state == "42703") {
        throw StorageError(fmt::format("the database is damaged: {}", what),
                           "restore it from a backup");
    }
    if (kind == "22" || kind == "23") throw RefusedWrite(what);
    throw EngineError(what);
}

}  // namespace

bool is_postgres_url(std::string_view location) { return is_postgres_location(location); }

namespace {

// Copies `sql`, giving each `marker` outside quotes and comments, with the digits after it, to
// `replace(out, digits)`, which writes what stands there instead.
template <typename Replace>
std::string rewrite_markers(std::string_view sql, char marker, Replace replace) {
    std::string out;
    out.reserve(sql.size() + 16);
    char quote = 0;  // ' or " while inside one
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            out += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const auto end = sql.find('\n', i);
            const auto comment = sql.substr(i, end == std::string_view::npos ? end : end - i);
            out += comment;
            i += comment.size() - 1;
            continue;
        } else if (c == marker) {
            std::size_t digits = i + 1;
            while (digits < sql.size() && sql[digits] >= '0' && sql[digits] <= '9') ++digits;
            replace(out, sql.substr(i + 1, digits - i - 1));
            i = digits - 1;
            continue;
        }
        out += c;
    }
    return out;
}

int to_number(std::string_view digits) {
    int number = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    return number;
}

}  // namespace

NumberedSql numbered_parameters(std::string_view sql) {
    NumberedSql out;
    out.sql = rewrite_markers(sql, '?', [&](std::string& text, std::string_view digits) {
        // A bare ? takes the number after the largest so far, as in SQLite.
        const int number = digits.empty() ? out.parameters + 1 : to_number(digits);
        out.parameters = std::max(out.parameters, number);
        text += fmt::format("${}", number);
    });
    return out;
}

bool is_integer_type(unsigned oid) { return oid == 20 || oid == 23 || oid == 21; }

std::int64_t integer_in(sql::Statement& row, int column) {
    const auto digits = row.text(column);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) {
        throw std::runtime_error(fmt::format("'{}' is not an integer", row.column_name(column)));
    }
    return value;
}

void BoundParameters::bind(int index, std::int64_t value) {
    slot(index) = fmt::format_int(value).str();
}

void BoundParameters::bind_null(int index) {
    slot(index).clear();
    m_bound[static_cast<std::size_t>(index - 1)] = false;
}

std::vector<const char*> BoundParameters::values() const {
    std::vector<const char*> values(m_values.size(), nullptr);
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (m_bound[i]) values[i] = m_values[i].c_str();
    }
    return values;
}

std::string& BoundParameters::slot(int index) {
    const auto at = static_cast<std::size_t>(index - 1);
    if (index < 1 || at >= m_values.size()) {
        throw std::out_of_range(fmt::format("no parameter {} in: {}", index, m_sql));
    }
    m_bound[at] = true;
    return m_values[at];
}

std::string PostgresConnection::with_literals(std::string_view numbered_sql,
                                              const std::vector<const char*>& values) {
    return rewrite_markers(numbered_sql, '$', [&](std::string& text, std::string_view digits) {
        const auto at = static_cast<std::size_t>(to_number(digits));
        if (digits.empty() || at < 1 || at > values.size()) {
            text += '$';
            text += digits;
            return;
        }
        const char* value = values[at - 1];
        if (!value) {
            text += "NULL";
            return;
        }
        char* literal = pq().PQescapeLiteral(m_connection, value, std::strlen(value));
        if (!literal) throw_error(nullptr);
        text += literal;
        pq().PQfreemem(literal);
    });
}

class PostgresStatement final : public sql::Statement {
public:
    PostgresStatement(PostgresConnection& connection, std::string_view sql, bool streamed)
        : m_connection(connection),
          m_streamed(streamed),
          m_sql(numbered_parameters(sql)),
          m_name(fmt::format("convene_{}", connection.m_next_statement++)),
          m_parameters(m_sql.sql, m_sql.parameters) {}
    ~PostgresStatement() override { pq().PQclear(m_result); }
    PostgresStatement(const PostgresStatement&) = delete;
    PostgresStatement& operator=(const PostgresStatement&) = delete;

    void bind(int index, std::int64_t value) override { m_parameters.bind(index, value); }
    void bind(int index, std::string_view text) override { m_parameters.bind(index, text); }
    // libpq reads parameters as C strings: a copy is needed either way.
    void bind_reference(int index, std::string_view text) override { bind(index, text); }
    void bind_null(int index) override { m_parameters.bind_null(index); }

    bool step() override {
        if (!m_result) {
            if (m_streamed && m_connection.in_transaction()) {
                open_cursor();
            } else {
                execute();
            }
            m_row = 0;
        } else {
            ++m_row;
        }
        if (m_cursor_open && m_row >= pq().PQntuples(m_result) &&
            pq().PQntuples(m_result) == k_batch_rows) {
            fetch();
            m_row = 0;
        }
        return m_row < pq().PQntuples(m_result);
    }
    std::int64_t run() override {
        execute();
        std::int64_t changed = 0;
        const std::string_view count = pq().PQcmdTuples(m_result);
        std::from_chars(count.data(), count.data() + count.size(), changed);
        return changed;
    }
    std::optional<std::int64_t> insert() override {
        if (!step()) return std::nullopt;
        return integer(0);
    }
    void reset() noexcept override {
        if (m_cursor_open &&
            pq().PQtransactionStatus(m_connection.m_connection) == PQTRANS_INTRANS) {
            m_connection.execute_quietly(fmt::format("CLOSE {}", m_name));
        }
        m_cursor_open = false;
        pq().PQclear(m_result);
        m_result = nullptr;
        m_row = -1;
        m_parameters.clear();
    }

    bool is_null(int column) override { return pq().PQgetisnull(m_result, m_row, column) == 1; }
    bool is_integer(int column) override {
        return !is_null(column) && is_integer_type(pq().PQftype(m_result, column));
    }
    std::int64_t integer(int column) override { return integer_in(*this, column); }
    std::string_view text(int column) override {
        return {pq().PQgetvalue(m_result, m_row, column),
                static_cast<std::size_t>(pq().PQgetlength(m_result, m_row, column))};
    }
    std::string column_name(int column) override {
        const char* name = pq().PQfname(m_result, column);
        return name ? name : "";
    }

private:
    // The first run parses, binds and runs in one round trip (an unnamed statement); a
    // statement run again is prepared then, once: most commands run most statements once, and
    // preparing first doubled the waits on the server (issue 28).
    void execute() {
        PGconn* connection = m_connection.m_connection;
        if (!m_prepared && m_runs > 0) {
            PGresult* prepared = m_connection.send_and_await([&] {
                return pq().PQsendPrepare(connection, m_name.c_str(), m_sql.sql.c_str(), 0,
                                          nullptr);
            });
            const bool ok = pq().PQresultStatus(prepared) == PGRES_COMMAND_OK;
            if (!ok) fail(prepared);
            pq().PQclear(prepared);
            m_prepared = true;
        }
        const auto values = m_parameters.values();
        pq().PQclear(m_result);
        m_result = nullptr;
        std::chrono::seconds lock_wait{0};
        const auto begin = m_connection.take_owed_begin(lock_wait);
        const int count = static_cast<int>(values.size());
        const auto send = [&] {
            // Behind BEGIN and the lock in one simple query, which takes no parameters.
            if (!begin.empty()) {
                return pq().PQsendQuery(
                    connection, (begin + m_connection.with_literals(m_sql.sql, values)).c_str());
            }
            return m_prepared ? pq().PQsendQueryPrepared(connection, m_name.c_str(), count,
                                                         values.data(), nullptr, nullptr, 0)
                              : pq().PQsendQueryParams(connection, m_sql.sql.c_str(), count,
                                                       nullptr, values.data(), nullptr, nullptr, 0);
        };
        m_result = m_connection.send_and_await(send, lock_wait);
        ++m_runs;
        const auto status = pq().PQresultStatus(m_result);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            PGresult* failed = m_result;
            m_result = nullptr;
            fail(failed);
        }
    }

    void check(PGresult* result) {
        const auto status = pq().PQresultStatus(result);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(result);
    }

    // A cursor lives until the transaction ends; the statement's name names it too.
    void open_cursor() {
        m_connection.begin_owed_now();
        const auto values = m_parameters.values();
        PGresult* declared = m_connection.send_and_await([&] {
            return pq().PQsendQueryParams(
                m_connection.m_connection,
                fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", m_name, m_sql.sql).c_str(),
                static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
        });
        check(declared);
        pq().PQclear(declared);
        m_cursor_open = true;
        fetch();
    }

    void fetch() {
        pq().PQclear(m_result);
        m_result = nullptr;
        m_result = m_connection.send_and_await([&] {
            return pq().PQsendQuery(m_connection.m_connection,
                                    fmt::format("FETCH {} FROM {}", k_batch_rows, m_name).c_str());
        });
        if (pq().PQresultStatus(m_result) != PGRES_TUPLES_OK) {
            PGresult* failed = m_result;
            m_result = nullptr;
            fail(failed);
        }
    }

    [[noreturn]] void fail(PGresult* result) { m_connection.throw_error(result); }

    PostgresConnection& m_connection;
    bool m_streamed;
    bool m_cursor_open{false};
    NumberedSql m_sql;
    std::string m_name;
    BoundParameters m_parameters;
    bool m_prepared{false};
    int m_runs{0};
    PGresult* m_result{nullptr};
    int m_row{-1};
};

PostgresConnection::PostgresConnection(const std::string& location, std::chrono::seconds timeout)
    : m_timeout(timeout) {
    auto parsed = parse_postgres_location(location);
    m_name = parsed.shown;
    m_secrets = std::move(parsed.secrets);
    const auto connect_timeout = parsed.value("connect_timeout");
    // What convene needs comes after what the location names, and wins.
    auto options = std::move(parsed.options);
    options.emplace_back("application_name", "convene");
    options.emplace_back("client_encoding", "UTF8");
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    for (const auto& [keyword, value] : options) {
        keywords.push_back(keyword.c_str());
        values.push_back(value.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    m_connection = pq().PQconnectStartParams(keywords.data(), values.data(), 0);
    if (!m_connection) throw StorageError("cannot start a PostgreSQL connection: out of memory");
    // Before the first byte from the server, so that nothing of it bypasses convene's lines.
    pq().PQsetNoticeReceiver(m_connection, receive_notice, &m_secrets);
    connect(connect_timeout);
}

void PostgresConnection::connect(const std::optional<std::string>& connect_timeout) {
    // connect_timeout in the location bounds connecting (libpq applies it only when it waits
    // itself, which an asynchronous connection does not), else database.timeout.
    int seconds = static_cast<int>(m_timeout.count());
    std::string origin = "database.timeout";
    if (connect_timeout && !connect_timeout->empty()) {
        std::from_chars(connect_timeout->data(), connect_timeout->data() + connect_timeout->size(),
                        seconds);
        origin = "connect_timeout";
        if (seconds <= 0) seconds = 3600;  // 0 means "wait for ever": an hour is long enough
        seconds = std::max(seconds, 2);    // as libpq: a second is too short to mean anything
    }
    const auto deadline = Clock::now() + std::chrono::seconds{seconds};
    auto state = pq().PQstatus(m_connection) == CONNECTION_BAD ? PGRES_POLLING_FAILED
                                                               : PGRES_POLLING_WRITING;
    while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
        if (!wait_for(pq().PQsocket(m_connection), state == PGRES_POLLING_WRITING, deadline)) {
            pq().PQfinish(m_connection);
            m_connection = nullptr;
            throw StorageError(
                fmt::format("cannot connect to {}: no answer within {} s ({})", m_name, seconds,
                            origin),
                "check that the server runs and answers; connect_timeout in the URL or "
                "database.timeout in convene.toml sets how long to wait");
        }
        state = pq().PQconnectPoll(m_connection);
    }
    if (state == PGRES_POLLING_OK) return;
    const std::string why = scrubbed(first_line(pq().PQerrorMessage(m_connection)), m_secrets);
    pq().PQfinish(m_connection);
    m_connection = nullptr;
    throw StorageError(fmt::format("cannot connect to {}: {}", m_name, text::printable(why)),
                       "check that the server runs and accepts convene's user; a password "
                       "comes from PGPASSWORD, ~/.pgpass or the URL");
}

PGresult* PostgresConnection::await(int sent, std::chrono::seconds extra) {
    if (m_broken) {
        throw StorageError(fmt::format("the connection to {} was given up", m_name));
    }
    check_no_copy_out();
    if (sent != 1) return nullptr;  // PQerrorMessage says why
    const auto deadline = Clock::now() + m_timeout + extra;
    const auto give_up = [&] { this->give_up(m_timeout + extra); };
    // What does not fit in the socket's buffer is sent as the server reads it.
    for (int left = pq().PQflush(m_connection); left == 1; left = pq().PQflush(m_connection)) {
        if (!wait_for(pq().PQsocket(m_connection), true, deadline)) give_up();
    }
    PGresult* kept = nullptr;
    while (true) {
        while (pq().PQisBusy(m_connection)) {
            if (!wait_for(pq().PQsocket(m_connection), false, deadline)) {
                pq().PQclear(kept);
                give_up();
            }
            if (pq().PQconsumeInput(m_connection) == 0) break;  // lost: PQgetResult says so
        }
        PGresult* result = pq().PQgetResult(m_connection);
        if (!result) break;
        const auto status = pq().PQresultStatus(result);
        if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
            pq().PQclear(kept);
            return result;
        }
        // As PQexec: the last result, but a first error stays the one reported.
        if (kept && pq().PQresultStatus(kept) == PGRES_FATAL_ERROR) {
            pq().PQclear(result);
            continue;
        }
        pq().PQclear(kept);
        kept = result;
    }
    return kept;
}

void PostgresConnection::give_up(std::chrono::seconds waited) {
    m_broken = true;
    m_copy_out = nullptr;
    throw StorageError(
        fmt::format("the PostgreSQL server {} did not answer within {} s (database.timeout)",
                    m_name, waited.count()),
        "check the server; database.timeout in convene.toml sets how long to wait");
}

void PostgresConnection::check_no_copy_out() const {
    if (m_copy_out) {
        throw std::logic_error(
            "a statement was sent to PostgreSQL while the rows of a statement prepared with "
            "prepare_alone() were still streaming; read them to the end or reset it first");
    }
}

void PostgresConnection::start_copy_out(const std::string& copy_sql, const void* owner) {
    begin_owed_now();
    PGresult* result =
        send_and_await([&] { return pq().PQsendQuery(m_connection, copy_sql.c_str()); });
    if (!result || pq().PQresultStatus(result) != PGRES_COPY_OUT) throw_error(result);
    pq().PQclear(result);
    m_copy_out = owner;
}

int PostgresConnection::next_copy_row(char*& row) {
    // Read only when the row has to be waited for: most rows are in libpq's buffer already,
    // and reading the clock for each was a fifteenth of a list's time.
    std::optional<Clock::time_point> deadline;
    while (true) {
        const int length = pq().PQgetCopyData(m_connection, &row, 1);
        if (length > 0) return length;
        if (length == 0) {  // nothing whole yet
            if (!deadline) deadline = Clock::now() + m_timeout;
            if (!wait_for(pq().PQsocket(m_connection), false, *deadline)) give_up(m_timeout);
            pq().PQconsumeInput(m_connection);  // a lost connection: -2 next time
            continue;
        }
        // -1: the COPY ended; -2: the connection failed. Its result says which, and why.
        m_copy_out = nullptr;
        PGresult* result = await(1);
        if (!result || pq().PQresultStatus(result) != PGRES_COMMAND_OK) throw_error(result);
        pq().PQclear(result);
        return 0;
    }
}

void PostgresConnection::end_copy_out() noexcept {
    if (!m_copy_out) return;
    try {
        char* row = nullptr;
        while (next_copy_row(row) > 0) pq().PQfreemem(row);
    } catch (...) {  // NOLINT(bugprone-empty-catch): abandoned rows; what failed is theirs
    }
    m_copy_out = nullptr;
}

PostgresFailure PostgresConnection::failure(PGresult* result) {
    // Copied before PQclear frees the result the fields point into.
    const char* state = result ? pq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    const char* primary =
        result ? pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : first_line(pq().PQerrorMessage(m_connection));
    pq().PQclear(result);
    return {.sqlstate = std::move(sqlstate),
            .message = scrubbed(std::move(message), m_secrets),
            .connection_lost = pq().PQstatus(m_connection) == CONNECTION_BAD};
}

void PostgresConnection::throw_error(PGresult* result) { raise(failure(result)); }

void PostgresConnection::execute_quietly(const std::string& sql) noexcept {
    if (m_broken || !m_connection) return;
    try {
        read_owed_copy_answer();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a failed COPY; the clean-up still runs
    }
    try {
        pq().PQclear(send_and_await([&] { return pq().PQsendQuery(m_connection, sql.c_str()); }));
    } catch (...) {  // NOLINT(bugprone-empty-catch): a clean-up; the first error is reported
    }
}

PostgresConnection::~PostgresConnection() {
    if (m_connection) pq().PQfinish(m_connection);
}

std::unique_ptr<sql::Statement> PostgresConnection::prepare(std::string_view sql) {
    return std::make_unique<PostgresStatement>(*this, sql, false);
}

std::unique_ptr<sql::Statement> PostgresConnection::prepare_streamed(std::string_view sql) {
    return std::make_unique<PostgresStatement>(*this, sql, true);
}

std::unique_ptr<sql::Statement> PostgresConnection::prepare_alone(std::string_view sql) {
    return std::make_unique<PostgresCopyStatement>(*this, sql);
}

void PostgresConnection::execute(std::string_view sql) { execute(sql, std::chrono::seconds{0}); }

void PostgresConnection::execute(std::string_view sql, std::chrono::seconds extra) {
    if (const auto failed = try_execute(sql, extra)) raise(*failed);
}

std::optional<PostgresFailure> PostgresConnection::try_execute(std::string_view sql,
                                                               std::chrono::seconds extra) {
    const auto begin = take_owed_begin(extra);
    PGresult* result = send_and_await(
        [&] { return pq().PQsendQuery(m_connection, (begin + std::string(sql)).c_str()); }, extra);
    const auto status = pq().PQresultStatus(result);
    if (result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) {
        pq().PQclear(result);
        return std::nullopt;
    }
    return failure(result);
}

bool PostgresConnection::begin_write(std::chrono::seconds lock_wait) {
    if (lock_wait.count() > 0) {
        // Sent with the transaction's first statement (take_owed_begin): one round trip less.
        m_owed_lock_wait = lock_wait;
        return true;
    }
    execute("BEGIN");
    bool taken = false;
    try {
        auto lock = prepare(fmt::format("SELECT pg_try_advisory_xact_lock({})", k_writer_lock));
        taken = lock->step() && lock->text(0) == "t";
    } catch (...) {
        rollback();
        throw;
    }
    if (!taken) rollback();
    return taken;
}

std::string PostgresConnection::take_owed_begin(std::chrono::seconds& lock_wait) {
    if (!m_owed_lock_wait) return {};
    lock_wait = *m_owed_lock_wait;
    m_owed_lock_wait.reset();
    m_lock_wait_of_begin = lock_wait;
    // The statements of a simple query run in order, each with a snapshot of its own (so what
    // follows the lock sees every write of the writer before); the first that fails ends it.
    return fmt::format(
        "BEGIN; SET LOCAL lock_timeout = '{}s'; SELECT pg_advisory_xact_lock({}); "
        "SET LOCAL lock_timeout = 0; ",
        lock_wait.count(), k_writer_lock);
}

void PostgresConnection::begin_owed_now() {
    // The owed BEGIN and lock alone, before what cannot follow them in one simple query.
    if (m_owed_lock_wait) execute("SELECT 1");
}

void PostgresConnection::raise(const PostgresFailure& failed) {
    // lock_not_available from the lock that began the transaction: waited the whole lock_wait.
    if (failed.sqlstate == "55P03" && m_lock_wait_of_begin) {
        throw writer_busy(*m_lock_wait_of_begin);
    }
    throw_failure(failed);
}

std::optional<std::vector<std::vector<std::string>>>
PostgresConnection::rows_unless_undefined_table(std::string_view sql) {
    PGresult* result =
        send_and_await([&] { return pq().PQsendQuery(m_connection, std::string(sql).c_str()); });
    if (!result || pq().PQresultStatus(result) != PGRES_TUPLES_OK) {
        auto failed = failure(result);
        if (failed.sqlstate == "42P01") return std::nullopt;
        raise(failed);
    }
    std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(pq().PQntuples(result)));
    const int columns = pq().PQnfields(result);
    for (std::size_t row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < columns; ++column) {
            rows[row].emplace_back(pq().PQgetvalue(result, static_cast<int>(row), column));
        }
    }
    pq().PQclear(result);
    return rows;
}

void PostgresConnection::copy_in(std::string_view table_and_columns, std::string_view data) {
    execute_copy_start(fmt::format("COPY {} FROM STDIN", table_and_columns));
    // In blocking mode both calls return once libpq has handed everything to the socket; the
    // server then still writes what the socket's buffer holds while the bulk writer reads the
    // next rows.
    const bool sent =
        pq().PQputCopyData(m_connection, data.data(), static_cast<int>(data.size())) == 1 &&
        pq().PQputCopyEnd(m_connection, nullptr) == 1;
    m_copy_answer_owed = true;
    // A failed send's reason is in the answer too, read the same way.
    if (!sent) read_owed_copy_answer();
}

void PostgresConnection::read_owed_copy_answer() {
    if (!m_copy_answer_owed) return;
    m_copy_answer_owed = false;
    // await reads to the end, so the connection is ready for the next statement.
    PGresult* result = await(1);
    if (!result || pq().PQresultStatus(result) != PGRES_COMMAND_OK) throw_error(result);
    pq().PQclear(result);
}

std::unique_ptr<BulkWriter> PostgresConnection::bulk_writer(std::int64_t event_id) {
    return std::make_unique<PostgresBulkWriter>(*this, event_id);
}

std::unique_ptr<sql::RowWriter> PostgresConnection::row_writer(std::string_view table,
                                                               std::string_view columns,
                                                               int /*count*/) {
    return postgres_row_writer(
        [this](std::string_view what, std::string_view rows) { copy_in(what, rows); }, table,
        columns);
}

void PostgresConnection::execute_copy_start(const std::string& sql) {
    begin_owed_now();
    PGresult* result = send_and_await([&] { return pq().PQsendQuery(m_connection, sql.c_str()); });
    if (result && pq().PQresultStatus(result) == PGRES_COPY_IN) {
        pq().PQclear(result);
        return;
    }
    throw_error(result);
}

void append_copy_text(std::string& row, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\': row += "\\\\"; break;
            case '\t': row += "\\t"; break;
            case '\n': row += "\\n"; break;
            case '\r': row += "\\r"; break;
            default: row += c;
        }
    }
}

bool PostgresConnection::begin_read() {
    if (in_transaction()) return false;
    // A read's cursors are read to their end (a list, an export): planned for all their rows,
    // not for a tenth, the join of the fields is one hash join and sort, not a look-up per
    // registration (list attendees of 300,000 on PostgreSQL, 1.38 s -> 1.00 s). In the same
    // round trip.
    execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL cursor_tuple_fraction = 1");
    return true;
}

void PostgresConnection::commit() {
    m_lock_wait_of_begin.reset();
    if (m_owed_lock_wait) {  // nothing was read or written: nothing began
        m_owed_lock_wait.reset();
        return;
    }
    execute("COMMIT");
}

void PostgresConnection::rollback() noexcept {
    // After a lost connection there is nothing to roll back: the server already did. Nor is
    // there when BEGIN itself failed (the server would warn).
    m_owed_lock_wait.reset();
    m_lock_wait_of_begin.reset();
    if (pq().PQtransactionStatus(m_connection) == PQTRANS_IDLE) return;
    execute_quietly("ROLLBACK");
}

bool PostgresConnection::try_lock_event(std::int64_t event_id) {
    // Session locks: held across transactions, released by the server when the connection
    // ends, also when convene is killed.
    auto lock = prepare(
        fmt::format("SELECT pg_try_advisory_lock({}, CAST(? AS integer))", k_event_lock_class));
    lock->bind(1, event_id);
    return lock->step() && lock->text(0) == "t";
}

void PostgresConnection::unlock_event(std::int64_t event_id) noexcept {
    const auto sql = fmt::format("SELECT pg_advisory_unlock({}, {})", k_event_lock_class,
                                 static_cast<std::int32_t>(event_id));
    execute_quietly(sql);
}

bool PostgresConnection::in_transaction() const {
    return m_owed_lock_wait || pq().PQtransactionStatus(m_connection) != PQTRANS_IDLE;
}

}  // namespace convene::store
