#include "convene/io/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <streambuf>
#include <system_error>

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::io {

// Writes straight to the descriptor that O_EXCL created. Reopening the temporary file by name
// (as std::ofstream would) costs a second path lookup per file, which is most of the time
// when thousands of invitations are written.
class OutputFile::Buffer : public std::streambuf {
public:
    explicit Buffer(int fd) : m_fd(fd) { setp(m_data.data(), m_data.data() + m_data.size()); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() override { close(); }

    // Flushes and closes; false when anything failed since the file was created.
    bool close() {
        if (m_fd < 0) return m_ok;
        flush();
        if (::close(m_fd) != 0) fail();
        m_fd = -1;
        return m_ok;
    }
    // Why the last failure happened.
    int error() const noexcept { return m_error; }

protected:
    int_type overflow(int_type c) override {
        if (!flush()) return traits_type::eof();
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
        return c;
    }
    int sync() override { return flush() ? 0 : -1; }

private:
    bool flush() {
        const char* data = pbase();
        std::size_t left = static_cast<std::size_t>(pptr() - pbase());
        while (m_ok && left > 0) {
            const ssize_t written = ::write(m_fd, data, left);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) {
                fail();
                break;
            }
            data += written;
            left -= static_cast<std::size_t>(written);
        }
        setp(m_data.data(), m_data.data() + m_data.size());
        return m_ok;
    }
    void fail() {
        if (m_ok) m_error = errno == 0 ? EIO : errno;
        m_ok = false;
    }

    int m_fd;
    bool m_ok{true};
    int m_error{0};
    // Not value-initialised: one file per invitation must not cost a memset.
    std::array<char, 16 * 1024> m_data;
};

namespace {

std::atomic<unsigned> g_counter{0};

struct Temporary {
    std::filesystem::path path;
    int fd;
};

// O_EXCL|O_NOFOLLOW so that a name planted in a shared folder (a symlink elsewhere) is never
// written through; the next name is tried instead. Mode 0666 lets the umask decide, as for
// any new file; 0600 keeps personal data to its owner whatever the umask. rename(2) keeps the
// mode.
Temporary create_temporary(const std::filesystem::path& target, Access access) {
    const mode_t mode = access == Access::owner_only ? 0600 : 0666;
    static const auto pid = ::getpid();
    const auto folder =
        target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    const auto name = target.filename().string();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = folder / fmt::format(".{}.{}-{}.tmp", name, pid, g_counter++);
        const int fd =
            ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
        if (fd >= 0) return {std::move(candidate), fd};
        if (errno != EEXIST) {
            throw UsageError(
                fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
        }
    }
    throw UsageError(fmt::format("cannot write {}: no free temporary name", target.string()));
}

}  // namespace

OutputFile::OutputFile(std::filesystem::path target, Access access)
    : m_target(std::move(target)), m_stream(nullptr) {
    auto temporary = create_temporary(m_target, access);
    m_temporary = std::move(temporary.path);
    m_buffer = std::make_unique<Buffer>(temporary.fd);
    m_stream.rdbuf(m_buffer.get());
}

OutputFile::~OutputFile() {
    if (m_committed) return;
    m_buffer->close();
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
}

void OutputFile::commit() {
    m_stream.flush();
    if (!m_stream || !m_buffer->close()) {
        throw StorageError(fmt::format("writing {} failed: {}", m_target.string(),
                                       std::strerror(m_buffer->error())));
    }
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        throw UsageError(
            fmt::format("cannot write {}: {}", m_target.string(), std::strerror(errno)));
    }
    m_committed = true;
}

}  // namespace convene::io
