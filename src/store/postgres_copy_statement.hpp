#pragma once
// A SELECT whose rows PostgreSQL streams with COPY … TO STDOUT (text format), for
// Connection::prepare_alone(): the server sends rows while convene formats them, instead of
// waiting for a FETCH per batch (issue 28). The connection is the statement's alone until the
// last row or reset(); any other statement meanwhile throws std::logic_error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "postgres_connection.hpp"
#include "sql.hpp"

namespace convene::store {

// Appends a field of COPY's text format, as the server writes it, decoded: \b \f \n \r \t \v,
// \\, \ and one to three octal digits, \x and one or two hex digits; a backslash before
// anything else stands for that character.
void append_copy_unescaped(std::string& out, std::string_view field);

// One row of COPY's text format (its newline optional) as its fields; \N is NULL.
class CopyRow {
public:
    void parse(std::string_view line);
    std::size_t size() const { return m_fields.size(); }
    bool is_null(int column) const { return field(column).null; }
    std::string_view text(int column) const {
        const auto& f = field(column);
        return std::string_view(m_text).substr(f.offset, f.length);
    }

private:
    struct Field {
        std::size_t offset{0};
        std::size_t length{0};
        bool null{false};
    };
    const Field& field(int column) const;

    std::string m_text;  // the decoded fields, one after the other
    std::vector<Field> m_fields;
};

class PostgresCopyStatement final : public sql::Statement {
public:
    PostgresCopyStatement(PostgresConnection& connection, std::string_view sql);
    ~PostgresCopyStatement() override;
    PostgresCopyStatement(const PostgresCopyStatement&) = delete;
    PostgresCopyStatement& operator=(const PostgresCopyStatement&) = delete;

    void bind(int index, std::int64_t value) override { m_parameters.bind(index, value); }
    void bind(int index, std::string_view text) override { m_parameters.bind(index, text); }
    void bind_reference(int index, std::string_view text) override { bind(index, text); }
    void bind_null(int index) override { m_parameters.bind_null(index); }

    bool step() override;
    std::int64_t run() override;
    std::optional<std::int64_t> insert() override;
    void reset() noexcept override;

    bool is_null(int column) override { return m_row.is_null(column); }
    bool is_integer(int column) override;
    std::int64_t integer(int column) override { return integer_in(*this, column); }
    std::string_view text(int column) override { return m_row.text(column); }
    std::string column_name(int column) override;

private:
    // The columns' types and names, asked once of the server (COPY sends neither): the
    // decoders check that an integer column holds one.
    void describe();
    void start();

    PostgresConnection& m_connection;
    NumberedSql m_sql;
    BoundParameters m_parameters;
    std::vector<unsigned> m_types;  // PostgreSQL's type oids, by column
    std::vector<std::string> m_names;
    bool m_started{false};
    bool m_done{false};
    CopyRow m_row;
};

}  // namespace convene::store
