#pragma once
// The concrete row writers, one file each; only make_row_writer() knows them.
#include <iosfwd>
#include <memory>
#include <vector>

#include "convene/export/spreadsheet.hpp"
#include "convene/export/table_writer.hpp"

namespace convene::output::detail {

std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, std::vector<Column> columns,
                                             WriterOptions options);
std::unique_ptr<RowWriter> make_tsv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options, DelimitedOptions delimited);
std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options, DelimitedOptions delimited);
// `lines` chooses JSON Lines (one compact object per line) over one JSON array.
std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, std::vector<Column> columns,
                                            bool lines);

}  // namespace convene::output::detail
