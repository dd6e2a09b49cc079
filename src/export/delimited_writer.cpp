#include "delimited_writer.hpp"

#include <ostream>

#include "cell_text.hpp"

namespace convene::output::detail {
namespace {

class DelimitedWriter final : public RowWriter {
public:
    DelimitedWriter(const Dialect& dialect, std::ostream& out, std::vector<Column> columns,
                    WriterOptions options)
        : RowWriter(std::move(columns)), m_dialect(dialect), m_out(out) {
        if (!options.no_header) {
            for (std::size_t i = 0; i < this->columns().size(); ++i) {
                if (i > 0) m_line += m_dialect.separator;
                m_dialect.append_field(m_line, this->columns()[i].name);
            }
            write_line();
        }
    }

private:
    void write_row(std::span<const Cell> cells) override {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) m_line += m_dialect.separator;
            m_value.clear();
            append_text(m_value, cells[i], BoolWords::true_false);
            m_dialect.append_field(m_line, m_value);
        }
        if (cells.size() == 1 && m_line.empty()) m_line += m_dialect.lone_empty_field;
        write_line();
    }

    void write_end() override { m_out.flush(); }

    void write_line() {
        m_line += m_dialect.line_end;
        m_out << m_line;
        m_line.clear();
    }

    const Dialect& m_dialect;
    std::ostream& m_out;
    std::string m_line;  // reused for every row: no allocation once it is long enough
    std::string m_value;
};

}  // namespace

std::unique_ptr<RowWriter> make_delimited_writer(const Dialect& dialect, std::ostream& out,
                                                 std::vector<Column> columns,
                                                 WriterOptions options) {
    return std::make_unique<DelimitedWriter>(dialect, out, std::move(columns), options);
}

}  // namespace convene::output::detail
