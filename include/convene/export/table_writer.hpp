#pragma once
// Rows of `list` output in the format chosen with --format (SPEC §6).
//
//   auto writer = make_row_writer(format, std::cout, columns, {.no_header = opts.no_header});
//   for (const auto& r : registrations) writer->row({r.id, r.name, r.email, r.checked_in});
//   writer->finish();
//
// Every format but `table` streams: each row is written before row() returns, so memory stays
// flat for any number of rows. `table` aligns its columns, so it keeps every row until
// finish(); it is meant for people at a terminal, which is why it is only the default there.
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "convene/export/cell.hpp"
#include "convene/export/format.hpp"

namespace convene::output {

struct WriterOptions {
    bool no_header{false};  // table, tsv and csv: rows only (json and jsonl have no header)
    // table: the columns it may take (0: no limit); see Fit for what gives way.
    std::size_t width{0};
    // table: told which columns were left out to fit `width`, for the cli to word a note.
    std::function<void(const std::vector<std::string_view>& left_out, std::size_t width)> left_out;
};

class RowWriter {
public:
    virtual ~RowWriter() = default;
    RowWriter(const RowWriter&) = delete;
    RowWriter& operator=(const RowWriter&) = delete;

    // One cell per column, in column order. A wrong count or a cell whose kind does not fit its
    // column is a bug in the caller and throws std::logic_error.
    void row(std::span<const Cell> cells);
    void row(std::initializer_list<Cell> cells) { row(std::span(cells.begin(), cells.size())); }

    // Writes what the format still owes (the closing `]`, the buffered table) and flushes.
    // Call it once, after the last row; a writer destroyed without it leaves partial output.
    void finish();

protected:
    explicit RowWriter(std::vector<Column> columns) : m_columns(std::move(columns)) {}
    const std::vector<Column>& columns() const noexcept { return m_columns; }

private:
    virtual void write_row(std::span<const Cell> cells) = 0;
    virtual void write_end() = 0;

    std::vector<Column> m_columns;
    bool m_finished{false};
};

std::unique_ptr<RowWriter> make_row_writer(Format format, std::ostream& out,
                                           std::vector<Column> columns, WriterOptions options = {});

}  // namespace convene::output
