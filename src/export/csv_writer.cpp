// CSV as RFC 4180 has it: CRLF after every record, a field in double quotes when it holds a
// comma, a quote or a line break, and quotes inside doubled. Fields with spaces at either end
// are quoted too, because spreadsheets and some parsers trim unquoted spaces.
#include "delimited_writer.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

// One pass over the value (find_first_of would call memchr once per byte).
bool needs_quotes(std::string_view value, char separator) {
    for (const char c : value) {
        if (c == '"' || c == '\r' || c == '\n' || c == separator) return true;
    }
    const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
    return !value.empty() && (is_blank(value.front()) || is_blank(value.back()));
}

void append_field(std::string& line, std::string_view value, char separator) {
    if (!needs_quotes(value, separator)) {
        line += value;
        return;
    }
    line += '"';
    // Runs between quotes go in whole; each quote is doubled.
    for (auto quote = value.find('"'); quote != std::string_view::npos; quote = value.find('"')) {
        line.append(value.data(), quote + 1);
        line += '"';
        value.remove_prefix(quote + 1);
    }
    line += value;
    line += '"';
}

}  // namespace

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options, DelimitedOptions delimited) {
    // A record of one empty field is written "" so that readers do not skip it as a blank line.
    const Dialect csv{delimited.delimiter, "\r\n", append_field, "\"\""};
    return make_delimited_writer(csv, out, std::move(columns), options, delimited);
}

}  // namespace convene::output::detail
