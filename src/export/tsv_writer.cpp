// Tab-separated values for pipes (cut, awk, sort): one line per row, so the four characters
// that would break a line or a field are written as escapes, as PostgreSQL's COPY and
// MySQL's SELECT … INTO OUTFILE do.
#include "delimited_writer.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

void append_escaped(std::string& line, std::string_view value, char) {
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

constexpr Dialect k_tsv{'\t', "\n", append_escaped, ""};

}  // namespace

std::unique_ptr<RowWriter> make_tsv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options, DelimitedOptions delimited) {
    return make_delimited_writer(k_tsv, out, std::move(columns), options, delimited);
}

}  // namespace convene::output::detail
