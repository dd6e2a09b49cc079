// CSV as RFC 4180 has it: CRLF after every record, a field in double quotes when it holds a
// comma, a quote or a line break, and quotes inside doubled. Fields with spaces at either end
// are quoted too, because spreadsheets and some parsers trim unquoted spaces.
#include "delimited_writer.hpp"
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

// A record of one empty field is written "" so that readers do not skip it as a blank line.
constexpr Dialect k_csv{',', "\r\n", append_field, "\"\""};

}  // namespace

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options) {
    return make_delimited_writer(k_csv, out, std::move(columns), options);
}

}  // namespace convene::output::detail
