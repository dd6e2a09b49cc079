// Columns aligned for people. Alignment needs the widest cell of each column, so this writer
// keeps every row until finish(); `list` only picks it for a terminal (SPEC §6), where the
// rows have to fit on a screen anyway. Widths are display widths: "é" is one column, "会" two.
// Given a width, the table fits it as column_fit.hpp says, cutting cells with "…".
#include <algorithm>
#include <ostream>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cell_text.hpp"
#include "convene/export/column_fit.hpp"
#include "convene/text/cut.hpp"
#include "convene/text/utf8.hpp"
#include "terminal_text.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

constexpr std::string_view k_gap{"  "};
// A cut column keeps at least this many columns, so it still says something. Its header is
// cut like its cells: a spreadsheet's question as a header ("Do you need interpretation into
// French or Spanish?") would otherwise make the table as wide as the question.
constexpr std::size_t k_narrowest_cut = 10;

class TableWriter final : public RowWriter {
public:
    TableWriter(std::ostream& out, std::vector<Column> columns, WriterOptions options)
        : RowWriter(std::move(columns)),
          m_out(out),
          m_header(!options.no_header),
          m_limit(options.width),
          m_left_out(std::move(options.left_out)),
          m_widths(this->columns().size(), 0) {
        if (m_header) {
            for (const auto& column : this->columns()) {
                add_cell(column.name);
            }
        }
    }

private:
    struct Text {
        std::string text;
        std::size_t width;
    };

    void write_row(std::span<const Cell> cells) override {
        std::string value;
        for (const auto& cell : cells) {
            value.clear();
            append_text(value, cell, BoolWords::yes_no);
            add_cell(value);
        }
    }

    void add_cell(std::string_view value) {
        std::string text;
        append_for_terminal(text, value);
        const std::size_t width = text::display_width(text);
        std::size_t& column_width = m_widths[m_cells.size() % m_widths.size()];
        column_width = std::max(column_width, width);
        m_cells.push_back({std::move(text), width});
    }

    void write_end() override {
        fit_to_limit();
        const std::size_t column_count = m_widths.size();
        std::string line;
        bool first = true;
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            const std::size_t column = i % column_count;
            if (m_widths[column] != k_hidden) {
                append_aligned(line, m_cells[i], column, first);
                first = false;
            }
            if (column + 1 == column_count) {
                first = true;
                write_line(line);
                line.clear();
                if (i + 1 == column_count && m_header) {
                    write_separator();
                }
            }
        }
        m_out.flush();
        m_cells.clear();
    }

    // Narrows m_widths to the limit (k_hidden for columns left out) and says what was left out.
    void fit_to_limit() {
        if (m_limit == 0) {
            return;
        }
        std::vector<ColumnSpace> spaces;
        for (std::size_t i = 0; i < m_widths.size(); ++i) {
            spaces.push_back({m_widths[i], k_narrowest_cut, columns()[i].fit});
        }
        m_widths = fit_columns(spaces, k_gap.size(), m_limit);
        std::vector<std::string_view> hidden;
        for (std::size_t i = 0; i < m_widths.size(); ++i) {
            if (m_widths[i] == k_hidden) {
                hidden.push_back(columns()[i].name);
            }
        }
        if (!hidden.empty() && m_left_out) m_left_out(hidden, m_limit);
    }

    // Numbers (and their header) align right so that their digits line up.
    void append_aligned(std::string& line, Text cell, std::size_t column, bool first) {
        if (cell.width > m_widths[column]) {
            cell.text = text::cut_to_width(cell.text, m_widths[column]);
            cell.width = text::display_width(cell.text);
        }
        const std::size_t padding = m_widths[column] - cell.width;
        const bool right = columns()[column].type == ColumnType::integer;
        if (!first) {
            line += k_gap;
        }
        if (right) {
            line.append(padding, ' ');
        }
        line += cell.text;
        if (!right) {
            line.append(padding, ' ');
        }
    }

    void write_separator() {
        std::string line;
        for (std::size_t column = 0; column < m_widths.size(); ++column) {
            if (m_widths[column] == k_hidden) {
                continue;
            }
            if (!line.empty()) {
                line += k_gap;
            }
            line.append(m_widths[column], '-');
        }
        write_line(line);
    }

    // Padding of empty or right-aligned cells would otherwise leave invisible trailing spaces.
    void write_line(std::string& line) {
        line.erase(line.find_last_not_of(' ') + 1);
        m_out << line << '\n';
    }

    std::ostream& m_out;
    bool m_header;
    std::size_t m_limit;  // columns the table may take, 0: no limit
    std::function<void(const std::vector<std::string_view>&, std::size_t)> m_left_out;
    std::vector<std::size_t> m_widths;  // widest cell of each column so far, then as shown
    std::vector<Text> m_cells;          // header then rows, row-major
};

}  // namespace

std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, std::vector<Column> columns,
                                             WriterOptions options) {
    return std::make_unique<TableWriter>(out, std::move(columns), options);
}

}  // namespace convene::output::detail
