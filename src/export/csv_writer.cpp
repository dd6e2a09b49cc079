// CSV as RFC 4180 has it: CRLF after every record, a field in double quotes when it holds a
// comma, a quote or a line break, and quotes inside doubled. Fields with spaces at either end
// are quoted too, because spreadsheets and some parsers trim unquoted spaces.
#include <ostream>
#include <string>

#include "cell_text.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

bool needs_quotes(std::string_view value) {
    if (value.find_first_of(",\"\r\n") != std::string_view::npos) {
        return true;
    }
    const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
    return !value.empty() && (is_blank(value.front()) || is_blank(value.back()));
}

void append_field(std::string& line, std::string_view value) {
    if (!needs_quotes(value)) {
        line += value;
        return;
    }
    line += '"';
    for (const char c : value) {
        line += c;
        if (c == '"') {
            line += '"';
        }
    }
    line += '"';
}

class CsvWriter final : public RowWriter {
public:
    CsvWriter(std::ostream& out, std::vector<Column> columns, WriterOptions options)
        : RowWriter(std::move(columns)), m_out(out) {
        if (!options.no_header) {
            for (std::size_t i = 0; i < this->columns().size(); ++i) {
                m_line += i == 0 ? "" : ",";
                append_field(m_line, this->columns()[i].name);
            }
            write_line();
        }
    }

private:
    void write_row(std::span<const Cell> cells) override {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            m_line += i == 0 ? "" : ",";
            m_value.clear();
            append_text(m_value, cells[i], BoolWords::true_false);
            append_field(m_line, m_value);
        }
        // A lone empty field would be a blank line, which readers skip: keep the record.
        if (cells.size() == 1 && m_value.empty()) {
            m_line += "\"\"";
        }
        write_line();
    }

    void write_end() override { m_out.flush(); }

    void write_line() {
        m_line += "\r\n";
        m_out << m_line;
        m_line.clear();
    }

    std::ostream& m_out;
    std::string m_line;  // reused for every row: no allocation once it is long enough
    std::string m_value;
};

}  // namespace

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options) {
    return std::make_unique<CsvWriter>(out, std::move(columns), options);
}

}  // namespace convene::output::detail
