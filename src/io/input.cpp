#include "convene/io/input.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/standard_streams.hpp"
#include "convene/text/suggest.hpp"

namespace convene::io {

std::string display_name(std::string_view path) {
    return path == "-" ? std::string("<stdin>") : std::string(path);
}

std::string near_file_hint(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path typed(path);
    const auto folder = typed.parent_path();
    std::vector<std::string> names;
    std::error_code error;
    // A folder of a few thousand files is read in milliseconds; a huge one is not searched.
    constexpr std::size_t k_most_names = 5000;
    for (fs::directory_iterator entry(folder.empty() ? fs::path(".") : folder, error), end;
         !error && entry != end && names.size() < k_most_names; entry.increment(error)) {
        if (entry->is_regular_file(error)) names.push_back(entry->path().filename().string());
    }
    const auto near = text::nearest(typed.filename().string(), names, 1);
    if (near.empty()) return {};
    return fmt::format("did you mean '{}'?", (folder / near.front()).string());
}

void require_standard_input() {
    if (!standard_stream_was_closed(STDIN_FILENO)) return;
    throw UsageError("cannot read <stdin>: standard input is closed",
                     "give a file name instead of -, or redirect one: < FILE");
}

InputFile::InputFile(const std::string& path) : m_path(path), m_stream(&std::cin) {
    if (path == "-") {
        require_standard_input();
        return;
    }
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw UsageError(fmt::format("cannot read {}: it is a directory", path));
    }
    errno = 0;
    m_file.open(path, std::ios::binary);
    if (!m_file) {
        // A file named by an option that cannot be read is a bad option value, as with CLI11's
        // ExistingFile check.
        const int error = errno;
        throw UsageError(fmt::format("cannot read {}: {}", path,
                                     error != 0 ? std::strerror(error) : "open failed"),
                         error == ENOENT ? near_file_hint(path) : std::string());
    }
    m_stream = &m_file;
}

std::string read_all(InputFile& input, std::size_t limit, std::string_view what) {
    std::string bytes;
    char buffer[64 * 1024];
    while (input.stream().read(buffer, sizeof buffer) || input.stream().gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(input.stream().gcount()));
        if (bytes.size() > limit) {
            throw BadInputError(fmt::format("{}: {} is at most {} MiB", display_name(input.path()),
                                            what, limit / (1024 * 1024)));
        }
    }
    return bytes;
}

}  // namespace convene::io
