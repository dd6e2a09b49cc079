#include <set>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "convene/export/spreadsheet.hpp"
#include "convene/export/table_writer.hpp"
#include "writers.hpp"

namespace convene::output {

bool fits(const Cell& cell, ColumnType type) noexcept {
    switch (cell.kind()) {
        case Cell::Kind::null: return true;
        case Cell::Kind::text: return type == ColumnType::text;
        case Cell::Kind::integer: return type == ColumnType::integer;
        case Cell::Kind::boolean: return type == ColumnType::boolean;
        case Cell::Kind::list: return type == ColumnType::list;
        case Cell::Kind::json:
        case Cell::Kind::ordered_json: return type == ColumnType::json;
    }
    return false;
}

void RowWriter::row(std::span<const Cell> cells) {
    if (m_finished) {
        throw std::logic_error("RowWriter::row() after finish()");
    }
    if (cells.size() != m_columns.size()) {
        throw std::logic_error(
            fmt::format("row of {} cells for {} columns", cells.size(), m_columns.size()));
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!fits(cells[i], m_columns[i].type)) {
            throw std::logic_error(
                fmt::format("cell of column '{}' does not fit its type", m_columns[i].name));
        }
    }
    write_row(cells);
}

void RowWriter::finish() {
    if (m_finished) {
        return;
    }
    m_finished = true;
    write_end();
}

std::unique_ptr<RowWriter> make_row_writer(Format format, std::ostream& out,
                                           std::vector<Column> columns, WriterOptions options) {
    return make_row_writer(format, out, std::move(columns), options, DelimitedOptions{});
}

std::unique_ptr<RowWriter> make_row_writer(Format format, std::ostream& out,
                                           std::vector<Column> columns, WriterOptions options,
                                           DelimitedOptions delimited) {
    if (columns.empty()) {
        throw std::logic_error("a row writer needs at least one column");
    }
    // JSON objects need distinct keys, and scripts select columns by name.
    std::set<std::string_view> names;
    for (const auto& column : columns) {
        if (!names.insert(column.name).second) {
            throw std::logic_error(fmt::format("duplicate column name '{}'", column.name));
        }
    }
    switch (format) {
        case Format::table: return detail::make_table_writer(out, std::move(columns), options);
        case Format::tsv:
            return detail::make_tsv_writer(out, std::move(columns), options, delimited);
        case Format::csv:
            return detail::make_csv_writer(out, std::move(columns), options, delimited);
        case Format::json: return detail::make_json_writer(out, std::move(columns), false);
        case Format::jsonl: return detail::make_json_writer(out, std::move(columns), true);
    }
    throw std::logic_error("unknown output format");
}

}  // namespace convene::output
