#include "delimited_writer.hpp"

#include <ostream>

#include "cell_text.hpp"

namespace convene::output::detail {
namespace {

class DelimitedWriter final : public RowWriter {
public:
    DelimitedWriter(const Dialect& dialect, std::ostream& out, std::vector<Column> columns,
                    WriterOptions options, DelimitedOptions delimited)
        : RowWriter(std::move(columns)), m_dialect(dialect), m_out(out), m_raw(delimited.raw) {
        if (delimited.byte_order_mark) m_line += "\xEF\xBB\xBF";
        if (!options.no_header) {
            for (std::size_t i = 0; i < this->columns().size(); ++i) {
                if (i > 0) m_line += m_dialect.separator;
                m_value = this->columns()[i].name;
                append(m_value, true);
            }
            write_line();
        }
    }

private:
    void write_row(std::span<const Cell> cells) override {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) m_line += m_dialect.separator;
            // Most cells are text that needs no leading ': escaped straight from the row.
            if (cells[i].kind() == Cell::Kind::text &&
                (m_raw || !reads_as_formula(cells[i].text()))) {
                m_dialect.append_field(m_line, cells[i].text(), m_dialect.separator);
                continue;
            }
            m_value.clear();
            append_text(m_value, cells[i], BoolWords::true_false);
            // Numbers and booleans are convene's own, never text someone typed.
            const auto kind = cells[i].kind();
            append(m_value, kind != Cell::Kind::integer && kind != Cell::Kind::boolean);
        }
        if (cells.size() == 1 && m_line.empty()) m_line += m_dialect.lone_empty_field;
        write_line();
    }

    void write_end() override { m_out.flush(); }

    void append(std::string& value, bool typed_text) {
        if (typed_text && !m_raw) neutralise_formula(value);
        m_dialect.append_field(m_line, value, m_dialect.separator);
    }

    void write_line() {
        m_line += m_dialect.line_end;
        m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
        m_line.clear();
    }

    Dialect m_dialect;
    std::ostream& m_out;
    bool m_raw;
    std::string m_line;  // reused for every row: no allocation once it is long enough
    std::string m_value;
};

}  // namespace

std::unique_ptr<RowWriter> make_delimited_writer(const Dialect& dialect, std::ostream& out,
                                                 std::vector<Column> columns, WriterOptions options,
                                                 DelimitedOptions delimited) {
    return std::make_unique<DelimitedWriter>(dialect, out, std::move(columns), options, delimited);
}

}  // namespace convene::output::detail
