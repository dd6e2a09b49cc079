// CSV as RFC 4180 has it: CRLF after every record, a field in double quotes when it holds a
// comma, a quote or a line break, and quotes inside doubled. Fields with spaces at either end
// are quoted too, because spreadsheets and some parsers trim unquoted spaces.
#include <cstdint>
#include <cstring>

#include "delimited_writer.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

// Whether one of the eight bytes of `word` is `byte`: a byte of `word ^ byte…` is zero
// exactly there, and (x - 0x01…) & ~x & 0x80… is non-zero exactly when x has a zero byte.
constexpr bool has_byte(std::uint64_t word, char byte) {
    constexpr std::uint64_t ones = 0x0101010101010101U;
    const std::uint64_t x = word ^ (ones * static_cast<unsigned char>(byte));
    return ((x - ones) & ~x & (ones << 7)) != 0;
}

// One pass over the value, eight bytes at a time (the writers' hottest loop; find_first_of
// would call memchr once per byte).
bool needs_quotes(std::string_view value, char separator) {
    std::size_t i = 0;
    for (std::uint64_t word = 0; i + sizeof word <= value.size(); i += sizeof word) {
        std::memcpy(&word, value.data() + i, sizeof word);
        if (has_byte(word, '"') || has_byte(word, '\r') || has_byte(word, '\n') ||
            has_byte(word, separator)) {
            return true;
        }
    }
    for (const char c : value.substr(i)) {
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
