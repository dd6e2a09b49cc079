// Tab-separated values for pipes (cut, awk, sort): one line per row, so the four characters
// that would break a line or a field are written as escapes, as PostgreSQL's COPY and
// MySQL's SELECT … INTO OUTFILE do.
#include <ostream>
#include <string>

#include "cell_text.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

void append_escaped(std::string& line, std::string_view value) {
    for (const char c : value) {
        switch (c) {
            case '\t': line += "\\t"; break;
            case '\n': line += "\\n"; break;
            case '\r': line += "\\r"; break;
            case '\\': line += "\\\\"; break;
            default: line += c;
        }
    }
}

class TsvWriter final : public RowWriter {
public:
    TsvWriter(std::ostream& out, std::vector<Column> columns, WriterOptions options)
        : RowWriter(std::move(columns)), m_out(out) {
        if (!options.no_header) {
            for (std::size_t i = 0; i < this->columns().size(); ++i) {
                m_line += i == 0 ? "" : "\t";
                append_escaped(m_line, this->columns()[i].name);
            }
            write_line();
        }
    }

private:
    void write_row(std::span<const Cell> cells) override {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            m_line += i == 0 ? "" : "\t";
            m_value.clear();
            append_text(m_value, cells[i], BoolWords::true_false);
            append_escaped(m_line, m_value);
        }
        write_line();
    }

    void write_end() override { m_out.flush(); }

    void write_line() {
        m_line += '\n';
        m_out << m_line;
        m_line.clear();
    }

    std::ostream& m_out;
    std::string m_line;   // reused for every row: no allocation once it is long enough
    std::string m_value;
};

}  // namespace

std::unique_ptr<RowWriter> make_tsv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options) {
    return std::make_unique<TsvWriter>(out, std::move(columns), options);
}

}  // namespace convene::output::detail
