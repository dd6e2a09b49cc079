#pragma once
// TSV and CSV share everything but how a field is written and how a line ends.
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "convene/export/spreadsheet.hpp"
#include "convene/export/table_writer.hpp"

namespace convene::output::detail {

struct Dialect {
    char separator;
    std::string_view line_end;
    // Appends one field, escaped or quoted as the format needs with this separator.
    void (*append_field)(std::string& line, std::string_view value, char separator);
    // Text for a record made of one empty field, which readers would skip as a blank line.
    std::string_view lone_empty_field;
};

std::unique_ptr<RowWriter> make_delimited_writer(const Dialect& dialect, std::ostream& out,
                                                 std::vector<Column> columns, WriterOptions options,
                                                 DelimitedOptions delimited);

}  // namespace convene::output::detail
