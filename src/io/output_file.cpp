#include "convene/io/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::io {

namespace {

std::atomic<unsigned> g_counter{0};

// O_EXCL so that a name planted in a shared folder (a symlink elsewhere) is never written
// through; the next name is tried instead. Mode 0666 lets the umask decide, as for any file.
std::filesystem::path create_temporary(const std::filesystem::path& target) {
    const auto folder = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = folder / fmt::format(".{}.{}-{}.tmp", target.filename().string(), ::getpid(), g_counter++);
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd >= 0) {
            ::close(fd);
            return candidate;
        }
        if (errno != EEXIST) {
            throw UsageError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
        }
    }
    throw UsageError(fmt::format("cannot write {}: no free temporary name", target.string()));
}

}  // namespace

OutputFile::OutputFile(std::filesystem::path target)
    : m_target(std::move(target)), m_temporary(create_temporary(m_target)) {
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream) {
        std::error_code ignored;
        std::filesystem::remove(m_temporary, ignored);
        throw UsageError(fmt::format("cannot write {}", m_target.string()));
    }
}

OutputFile::~OutputFile() {
    if (m_committed) return;
    m_stream.close();
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
}

void OutputFile::commit() {
    m_stream.flush();
    m_stream.close();
    if (!m_stream) throw StorageError(fmt::format("writing {} failed (disk full?)", m_target.string()));
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        throw UsageError(fmt::format("cannot write {}: {}", m_target.string(), std::strerror(errno)));
    }
    m_committed = true;
}

}  // namespace convene::io
