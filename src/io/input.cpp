#include "convene/io/input.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::io {

std::string display_name(std::string_view path) {
    return path == "-" ? std::string("<stdin>") : std::string(path);
}

InputFile::InputFile(const std::string& path) : m_path(path), m_stream(&std::cin) {
    if (path == "-") {
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
                                     error != 0 ? std::strerror(error) : "open failed"));
    }
    m_stream = &m_file;
}

}  // namespace convene::io
