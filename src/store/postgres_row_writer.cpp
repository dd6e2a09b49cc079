#include "postgres_row_writer.hpp"

#include <iterator>

#include <fmt/format.h>

#include "postgres_connection.hpp"

namespace convene::store {

namespace {

// Rows sent by one COPY: few round trips, little memory.
constexpr std::size_t k_rows_per_copy = 5000;

class CopyRowWriter : public sql::RowWriter {
public:
    CopyRowWriter(CopyIn copy_in, std::string table_and_columns)
        : m_copy_in(std::move(copy_in)), m_table_and_columns(std::move(table_and_columns)) {}

    void value(std::int64_t number) override {
        separate();
        fmt::format_to(std::back_inserter(m_rows), "{}", number);
    }
    void value(std::string_view text) override {
        separate();
        append_copy_text(m_rows, text);
    }
    void null() override {
        separate();
        m_rows += "\\N";
    }
    void end_row() override {
        m_rows += '\n';
        m_first = true;
        if (++m_held == k_rows_per_copy) finish();
    }
    void finish() override {
        if (m_held == 0) return;
        m_copy_in(m_table_and_columns, m_rows);
        m_rows.clear();
        m_held = 0;
    }

private:
    void separate() {
        if (!m_first) m_rows += '\t';
        m_first = false;
    }

    CopyIn m_copy_in;
    std::string m_table_and_columns;
    std::string m_rows;
    std::size_t m_held{0};
    bool m_first{true};
};

}  // namespace

std::unique_ptr<sql::RowWriter> postgres_row_writer(CopyIn copy_in, std::string_view table,
                                                    std::string_view columns) {
    return std::make_unique<CopyRowWriter>(std::move(copy_in),
                                           fmt::format("{} ({})", table, columns));
}

}  // namespace convene::store
