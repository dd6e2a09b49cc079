#pragma once
// An input file named on the command line (`register --csv FILE`), where "-" means stdin.
#include <fstream>
#include <istream>
#include <string>
#include <string_view>

namespace convene::io {

// How messages name an input: "<stdin>" for "-", the path otherwise.
std::string display_name(std::string_view path);

// For a file that does not exist: "did you mean 'people.csv'?" naming a file of the same folder
// whose name is near (inscrits.cvs, inscrits.csv), as typed; "" when none is.
std::string near_file_hint(const std::string& path);

// Throws UsageError when standard input was closed (io/standard_streams.hpp): "-" is then no
// input, not an empty one.
void require_standard_input();

class InputFile;

// The whole of `input`, which a reader needs at once (a report, a schedule). A file larger
// than `limit` bytes is a BadInputError: "<name>: WHAT is at most N MiB" (WHAT: "an attendance
// report").
std::string read_all(InputFile& input, std::size_t limit, std::string_view what);

class InputFile {
public:
    // Opens the file now; throws UsageError when it cannot be read.
    explicit InputFile(const std::string& path);

    std::istream& stream() noexcept { return *m_stream; }
    const std::string& path() const noexcept { return m_path; }  // as given, "-" for stdin

private:
    std::string m_path;
    std::ifstream m_file;
    std::istream* m_stream;
};

}  // namespace convene::io
