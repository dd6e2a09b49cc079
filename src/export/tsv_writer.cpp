// Tab-separated values for pipes (cut, awk, sort): one line per row, so the four characters
// that would break a line or a field are written as escapes, as PostgreSQL's COPY and
// MySQL's SELECT … INTO OUTFILE do.
#include "delimited_writer.hpp"
#include "writers.hpp"

namespace convene::output::detail {
namespace {

const char* escape_of(char c) {
    switch (c) {
        case '\t': return "\\t";
        case '\n': return "\\n";
        case '\r': return "\\r";
        case '\\': return "\\\\";
        default: return nullptr;
    }
}

// Runs of ordinary bytes go in whole.
void append_escaped(std::string& line, std::string_view value, char) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (const char* escape = escape_of(value[i])) {
            line.append(value.data() + run, i - run);
            line.append(escape, 2);
            run = i + 1;
        }
    }
    line.append(value.data() + run, value.size() - run);
}

constexpr Dialect k_tsv{'\t', "\n", append_escaped, ""};

}  // namespace

std::unique_ptr<RowWriter> make_tsv_writer(std::ostream& out, std::vector<Column> columns,
                                           WriterOptions options, DelimitedOptions delimited) {
    return make_delimited_writer(k_tsv, out, std::move(columns), options, delimited);
}

}  // namespace convene::output::detail
