#include "postgres_copy_statement.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "postgres_library.hpp"

namespace convene::store {

namespace {

const PostgresLibrary& pq() { return postgres_library(); }

bool is_octal(char c) { return c >= '0' && c <= '7'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The character of the escape at field[at] (just past the backslash); `at` moves past it.
char unescaped(std::string_view field, std::size_t& at) {
    const char c = field[at++];
    switch (c) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        default: break;
    }
    if (is_octal(c)) {
        int value = c - '0';
        for (int digits = 1; digits < 3 && at < field.size() && is_octal(field[at]); ++digits) {
            value = value * 8 + (field[at++] - '0');
        }
        return static_cast<char>(value);
    }
    if (c == 'x' && at < field.size() && hex_value(field[at]) >= 0) {
        int value = hex_value(field[at++]);
        if (at < field.size() && hex_value(field[at]) >= 0)
            value = value * 16 + hex_value(field[at++]);
        return static_cast<char>(value);
    }
    return c;
}

}  // namespace

void append_copy_unescaped(std::string& out, std::string_view field) {
    std::size_t at = 0;
    while (at < field.size()) {
        const auto slash = field.find('\\', at);
        if (slash == std::string_view::npos || slash + 1 == field.size()) {
            out.append(field.substr(at));
            return;
        }
        out.append(field.substr(at, slash - at));
        at = slash + 1;
        out += unescaped(field, at);
    }
}

void CopyRow::parse(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    m_text.clear();
    m_fields.clear();
    // A tab inside a value comes escaped: every tab ends a field.
    std::size_t start = 0;
    while (true) {
        const auto end = std::min(line.find('\t', start), line.size());
        const auto raw = line.substr(start, end - start);
        if (raw == "\\N") {
            m_fields.push_back({.null = true});
        } else {
            const auto offset = m_text.size();
            append_copy_unescaped(m_text, raw);
            m_fields.push_back({.offset = offset, .length = m_text.size() - offset});
        }
        if (end == line.size()) return;
        start = end + 1;
    }
}

const CopyRow::Field& CopyRow::field(int column) const {
    if (column < 0 || static_cast<std::size_t>(column) >= m_fields.size()) {
        throw std::out_of_range(
            fmt::format("no column {} in a row of {}", column, m_fields.size()));
    }
    return m_fields[static_cast<std::size_t>(column)];
}

PostgresCopyStatement::PostgresCopyStatement(PostgresConnection& connection, std::string_view sql)
    : m_connection(connection),
      m_sql(numbered_parameters(sql)),
      m_parameters(m_sql.sql, m_sql.parameters) {}

PostgresCopyStatement::~PostgresCopyStatement() {
    if (m_connection.m_copy_out == this) m_connection.end_copy_out();
}

bool PostgresCopyStatement::step() {
    if (m_done) return false;
    if (!m_started) {
        m_started = true;
        start();
    }
    char* line = nullptr;
    const int length = m_connection.next_copy_row(line);
    if (length == 0) {
        m_done = true;
        return false;
    }
    try {
        m_row.parse({line, static_cast<std::size_t>(length)});
    } catch (...) {
        pq().PQfreemem(line);
        throw;
    }
    pq().PQfreemem(line);
    return true;
}

void PostgresCopyStatement::start() {
    m_connection.begin_owed_now();
    if (m_types.empty()) describe();
    // COPY takes no parameters: their values go into its text as literals.
    const auto values = m_parameters.values();
    const auto query = m_connection.with_literals(m_sql.sql, values);
    m_connection.start_copy_out(fmt::format("COPY ({}) TO STDOUT", query), this);
}

void PostgresCopyStatement::describe() {
    PGconn* connection = m_connection.m_connection;
    // The unnamed statement: parsed, never run; the next unnamed one replaces it.
    PGresult* prepared = m_connection.send_and_await(
        [&] { return pq().PQsendPrepare(connection, "", m_sql.sql.c_str(), 0, nullptr); });
    if (!prepared || pq().PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        m_connection.throw_error(prepared);
    }
    pq().PQclear(prepared);
    PGresult* described =
        m_connection.send_and_await([&] { return pq().PQsendDescribePrepared(connection, ""); });
    if (!described || pq().PQresultStatus(described) != PGRES_COMMAND_OK) {
        m_connection.throw_error(described);
    }
    for (int column = 0; column < pq().PQnfields(described); ++column) {
        m_types.push_back(pq().PQftype(described, column));
        const char* name = pq().PQfname(described, column);
        m_names.emplace_back(name ? name : "");
    }
    pq().PQclear(described);
}

std::int64_t PostgresCopyStatement::run() {
    throw std::logic_error("a statement of prepare_alone() returns rows: read them with step()");
}

std::optional<std::int64_t> PostgresCopyStatement::insert() { return run(); }

void PostgresCopyStatement::reset() noexcept {
    if (m_connection.m_copy_out == this) m_connection.end_copy_out();
    m_started = false;
    m_done = false;
    m_parameters.clear();
}

bool PostgresCopyStatement::is_integer(int column) {
    const auto at = static_cast<std::size_t>(column);
    return !is_null(column) && at < m_types.size() && is_integer_type(m_types[at]);
}

std::string PostgresCopyStatement::column_name(int column) {
    const auto at = static_cast<std::size_t>(column);
    return at < m_names.size() ? m_names[at] : "";
}

}  // namespace convene::store
