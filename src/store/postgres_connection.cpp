#include "postgres_connection.hpp"

#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/store/database.hpp"
#include "postgres_library.hpp"

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
constexpr int k_batch_rows = 1000;

std::string first_line(std::string_view text) {
    const auto end = text.find('\n');
    return std::string(text.substr(0, end));
}

// The error a failed result stands for (the result is cleared): its SQLSTATE and first
// message, or the connection's message when the server sent none (the connection is gone).
[[noreturn]] void throw_error(PGconn* connection, PGresult* result) {
    const char* state = result ? pq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary =
        result ? pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : first_line(pq().PQerrorMessage(connection));
    std::string sqlstate = state ? state : "";
    pq().PQclear(result);
    throw PostgresError(std::move(sqlstate), message, pq().PQstatus(connection) == CONNECTION_BAD);
}

void ignore_notice(void* /*argument*/, const char* /*message*/) {
    // NOTICEs ("relation … exists, skipping") are for a server log, not convene's stderr.
}

}  // namespace

bool is_postgres_url(std::string_view location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string without_password(std::string_view url) {
    // scheme://user:password@host… → scheme://user:****@host…
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    const auto authority_start = scheme_end + 3;
    const auto authority_end = url.find_first_of("/?#", authority_start);
    const auto authority = url.substr(authority_start, authority_end == std::string_view::npos
                                                           ? std::string_view::npos
                                                           : authority_end - authority_start);
    std::string shown(url);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        if (const auto colon = authority.substr(0, at).find(':'); colon != std::string_view::npos) {
            shown.replace(authority_start + colon + 1, at - colon - 1, "****");
        }
    }
    // A password may also come as a query parameter.
    if (const auto query = shown.find('?'); query != std::string::npos) {
        for (auto at = shown.find("password=", query); at != std::string::npos;
             at = shown.find("password=", at + 1)) {
            if (shown[at - 1] != '?' && shown[at - 1] != '&') continue;
            const auto value = at + 9;
            const auto end = shown.find('&', value);
            shown.replace(value, end == std::string::npos ? std::string::npos : end - value,
                          "****");
        }
    }
    return shown;
}

NumberedSql numbered_parameters(std::string_view sql) {
    NumberedSql out;
    out.sql.reserve(sql.size() + 16);
    char quote = 0;  // ' or " while inside one
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            out.sql += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const auto end = sql.find('\n', i);
            const auto comment = sql.substr(i, end == std::string_view::npos ? end : end - i);
            out.sql += comment;
            i += comment.size() - 1;
            continue;
        } else if (c == '?') {
            int number = 0;
            std::size_t digits = i + 1;
            while (digits < sql.size() && sql[digits] >= '0' && sql[digits] <= '9') {
                number = number * 10 + (sql[digits] - '0');
                ++digits;
            }
            // A bare ? takes the number after the largest so far, as in SQLite.
            if (digits == i + 1) number = out.parameters + 1;
            out.parameters = std::max(out.parameters, number);
            out.sql += fmt::format("${}", number);
            i = digits - 1;
            continue;
        }
        out.sql += c;
    }
    return out;
}

class PostgresStatement final : public sql::Statement {
public:
    PostgresStatement(PostgresConnection& connection, std::string_view sql, bool streamed)
        : m_connection(connection),
          m_streamed(streamed),
          m_sql(numbered_parameters(sql)),
          m_name(fmt::format("convene_{}", connection.m_next_statement++)),
          m_values(static_cast<std::size_t>(m_sql.parameters)),
          m_bound(static_cast<std::size_t>(m_sql.parameters), false) {}
    ~PostgresStatement() override { pq().PQclear(m_result); }
    PostgresStatement(const PostgresStatement&) = delete;
    PostgresStatement& operator=(const PostgresStatement&) = delete;

    void bind(int index, std::int64_t value) override {
        slot(index) = fmt::format_int(value).str();
    }
    void bind(int index, std::string_view text) override { slot(index).assign(text); }
    // libpq reads parameters as C strings: a copy is needed either way.
    void bind_reference(int index, std::string_view text) override { bind(index, text); }
    void bind_null(int index) override {
        slot(index).clear();
        m_bound[static_cast<std::size_t>(index - 1)] = false;
    }

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
            pq().PQclear(
                pq().PQexec(m_connection.m_connection, fmt::format("CLOSE {}", m_name).c_str()));
        }
        m_cursor_open = false;
        pq().PQclear(m_result);
        m_result = nullptr;
        m_row = -1;
        std::fill(m_bound.begin(), m_bound.end(), false);
    }

    bool is_null(int column) override { return pq().PQgetisnull(m_result, m_row, column) == 1; }
    bool is_integer(int column) override {
        // int8, int4, int2: what the schema's integer columns and count() come back as.
        const Oid type = pq().PQftype(m_result, column);
        return !is_null(column) && (type == 20 || type == 23 || type == 21);
    }
    std::int64_t integer(int column) override {
        const auto digits = text(column);
        std::int64_t value = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (error != std::errc{} || end != digits.data() + digits.size()) {
            throw std::runtime_error(fmt::format("'{}' is not an integer", column_name(column)));
        }
        return value;
    }
    std::string_view text(int column) override {
        return {pq().PQgetvalue(m_result, m_row, column),
                static_cast<std::size_t>(pq().PQgetlength(m_result, m_row, column))};
    }
    std::string column_name(int column) override {
        const char* name = pq().PQfname(m_result, column);
        return name ? name : "";
    }

private:
    std::string& slot(int index) {
        const auto at = static_cast<std::size_t>(index - 1);
        if (index < 1 || at >= m_values.size()) {
            throw std::out_of_range(fmt::format("no parameter {} in: {}", index, m_sql.sql));
        }
        m_bound[at] = true;
        return m_values[at];
    }

    void execute() {
        PGconn* connection = m_connection.m_connection;
        if (!m_prepared) {
            PGresult* prepared =
                pq().PQprepare(connection, m_name.c_str(), m_sql.sql.c_str(), 0, nullptr);
            const bool ok = pq().PQresultStatus(prepared) == PGRES_COMMAND_OK;
            if (!ok) fail(prepared);
            pq().PQclear(prepared);
            m_prepared = true;
        }
        const auto values = parameter_values();
        pq().PQclear(m_result);
        m_result = pq().PQexecPrepared(connection, m_name.c_str(), static_cast<int>(values.size()),
                                       values.data(), nullptr, nullptr, 0);
        const auto status = pq().PQresultStatus(m_result);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            PGresult* failed = m_result;
            m_result = nullptr;
            fail(failed);
        }
    }

    std::vector<const char*> parameter_values() const {
        std::vector<const char*> values(m_values.size(), nullptr);
        for (std::size_t i = 0; i < m_values.size(); ++i) {
            if (m_bound[i]) values[i] = m_values[i].c_str();
        }
        return values;
    }

    void check(PGresult* result) {
        const auto status = pq().PQresultStatus(result);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(result);
    }

    // A cursor lives until the transaction ends; the statement's name names it too.
    void open_cursor() {
        const auto values = parameter_values();
        PGresult* declared = pq().PQexecParams(
            m_connection.m_connection,
            fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", m_name, m_sql.sql).c_str(),
            static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
        check(declared);
        pq().PQclear(declared);
        m_cursor_open = true;
        fetch();
    }

    void fetch() {
        pq().PQclear(m_result);
        m_result = pq().PQexec(m_connection.m_connection,
                               fmt::format("FETCH {} FROM {}", k_batch_rows, m_name).c_str());
        if (pq().PQresultStatus(m_result) != PGRES_TUPLES_OK) {
            PGresult* failed = m_result;
            m_result = nullptr;
            fail(failed);
        }
    }

    [[noreturn]] void fail(PGresult* result) { throw_error(m_connection.m_connection, result); }

    PostgresConnection& m_connection;
    bool m_streamed;
    bool m_cursor_open{false};
    NumberedSql m_sql;
    std::string m_name;
    std::vector<std::string> m_values;
    std::vector<bool> m_bound;
    bool m_prepared{false};
    PGresult* m_result{nullptr};
    int m_row{-1};
};

PostgresConnection::PostgresConnection(const std::string& url) : m_name(without_password(url)) {
    // The URL may name anything libpq knows (host, port, sslmode…); what convene needs on
    // top comes after it and wins.
    const char* keywords[] = {"dbname", "application_name", "client_encoding", "connect_timeout",
                              nullptr};
    const char* values[] = {url.c_str(), "convene", "UTF8", "10", nullptr};
    m_connection = pq().PQconnectdbParams(keywords, values, 1);
    if (pq().PQstatus(m_connection) != CONNECTION_OK) {
        const std::string why = first_line(pq().PQerrorMessage(m_connection));
        pq().PQfinish(m_connection);
        m_connection = nullptr;
        throw StorageError(fmt::format("cannot connect to {}: {}", m_name, why),
                           "check that the server runs and accepts convene's user; a password "
                           "comes from PGPASSWORD, ~/.pgpass or the URL");
    }
    pq().PQsetNoticeProcessor(m_connection, ignore_notice, nullptr);
}

PostgresConnection::~PostgresConnection() { pq().PQfinish(m_connection); }

std::unique_ptr<sql::Statement> PostgresConnection::prepare(std::string_view sql) {
    return std::make_unique<PostgresStatement>(*this, sql, false);
}

std::unique_ptr<sql::Statement> PostgresConnection::prepare_streamed(std::string_view sql) {
    return std::make_unique<PostgresStatement>(*this, sql, true);
}

void PostgresConnection::execute(std::string_view sql) {
    PGresult* result = pq().PQexec(m_connection, std::string(sql).c_str());
    const auto status = pq().PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        pq().PQclear(result);
        return;
    }
    throw_error(m_connection, result);
}

bool PostgresConnection::begin_write(std::chrono::seconds lock_wait) {
    execute("BEGIN");
    try {
        if (lock_wait.count() == 0) {
            auto taken =
                prepare(fmt::format("SELECT pg_try_advisory_xact_lock({})", k_writer_lock));
            if (taken->step() && taken->text(0) == "t") return true;
            rollback();
            return false;
        }
        execute(fmt::format("SET LOCAL lock_timeout = '{}s'", lock_wait.count()));
        execute(fmt::format("SELECT pg_advisory_xact_lock({})", k_writer_lock));
        execute("SET LOCAL lock_timeout = 0");
        return true;
    } catch (const PostgresError& error) {
        rollback();
        if (error.sqlstate() == "55P03") return false;  // lock_not_available: waited enough
        throw;
    }
}

void PostgresConnection::copy_in(std::string_view table_and_columns, std::string_view data) {
    execute_copy_start(fmt::format("COPY {} FROM STDIN", table_and_columns));
    const bool sent =
        pq().PQputCopyData(m_connection, data.data(), static_cast<int>(data.size())) == 1 &&
        pq().PQputCopyEnd(m_connection, nullptr) == 1;
    // The server's answer comes as the COPY's result, also after a failed send.
    PGresult* result = pq().PQgetResult(m_connection);
    const bool ok = sent && pq().PQresultStatus(result) == PGRES_COMMAND_OK;
    // Read to the end, so the connection is ready for the next statement.
    while (PGresult* rest = pq().PQgetResult(m_connection)) pq().PQclear(rest);
    if (!ok) throw_error(m_connection, result);
    pq().PQclear(result);
}

void PostgresConnection::execute_copy_start(const std::string& sql) {
    PGresult* result = pq().PQexec(m_connection, sql.c_str());
    if (pq().PQresultStatus(result) == PGRES_COPY_IN) {
        pq().PQclear(result);
        return;
    }
    throw_error(m_connection, result);
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
    execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return true;
}

void PostgresConnection::commit() { execute("COMMIT"); }

void PostgresConnection::rollback() noexcept {
    // After a lost connection there is nothing to roll back: the server already did.
    pq().PQclear(pq().PQexec(m_connection, "ROLLBACK"));
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
    pq().PQclear(pq().PQexec(m_connection, sql.c_str()));
}

bool PostgresConnection::in_transaction() const {
    return pq().PQtransactionStatus(m_connection) != PQTRANS_IDLE;
}

}  // namespace convene::store
