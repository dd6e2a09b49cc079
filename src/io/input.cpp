#include "convene/io/input.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::io {

namespace {

// A fact about the process, taken before anything opens a file.
bool g_standard_input_closed = false;

}  // namespace

std::string display_name(std::string_view path) {
    return path == "-" ? std::string("<stdin>") : std::string(path);
}

void hold_standard_input() {
    if (::fcntl(STDIN_FILENO, F_GETFD) != -1 || errno != EBADF) return;
    g_standard_input_closed = true;
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null != -1 && null != STDIN_FILENO) ::close(null);
}

void require_standard_input() {
    if (!g_standard_input_closed) return;
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
                                     error != 0 ? std::strerror(error) : "open failed"));
    }
    m_stream = &m_file;
}

}  // namespace convene::io
