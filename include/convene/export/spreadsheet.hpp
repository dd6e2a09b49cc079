#pragma once
// CSV and TSV for spreadsheets: what Excel needs to open a file right in any locale, and the
// defence against formula injection (a cell that a spreadsheet would run as a formula).
//
//   auto writer = output::make_row_writer(format, out, columns, {.no_header = false},
//                                         {.delimiter = ';', .byte_order_mark = true});
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "convene/export/table_writer.hpp"

namespace convene::output {

struct DelimitedOptions {
    // tsv and csv: a cell starting with = + - @ tab or CR gets a leading ' so that no
    // spreadsheet runs it as a formula (OWASP's advice); raw leaves cells as they are.
    bool raw{false};
    // csv: the separator (Excel expects its locale's list separator, ';' in much of Europe).
    char delimiter{','};
    // csv: a UTF-8 byte order mark first, which Excel needs to read UTF-8 as such.
    bool byte_order_mark{false};
};

// make_row_writer with the options of csv and tsv (the other formats ignore them).
std::unique_ptr<RowWriter> make_row_writer(Format format, std::ostream& out,
                                           std::vector<Column> columns, WriterOptions options,
                                           DelimitedOptions delimited);

// Makes `value` safe to open in a spreadsheet: a leading ' before a cell that would be read as
// a formula, or that starts with ' before such a character (so that taking one ' away, as
// `register --csv` does, always gives the value back).
void neutralise_formula(std::string& value);

}  // namespace convene::output
