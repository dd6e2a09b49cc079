#include "convene/io/output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>
#include <streambuf>
#include <string_view>
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

// The temporary files being written, for the signal handler: a Ctrl-C (SIGINT), SIGTERM or
// SIGHUP removes them before convene ends, as the destructor would have. A few are written
// at a time; one that finds no free slot is left to remove_stale_temporaries.
std::array<std::atomic<const char*>, 64> g_live{};

extern "C" void remove_live_and_die(int signal) {
    for (auto& slot : g_live) {
        if (const char* path = slot.load()) ::unlink(path);  // async-signal-safe
    }
    // SA_RESETHAND restored the default action: raised again, it ends convene as the signal
    // would have (the exit status says so) once this handler returns.
    ::raise(signal);
}

// Only where the signal would have ended convene anyway (its default action): a shell that
// ignores SIGINT for a background job, or a parent's own handler, keeps its choice.
void install_signal_handlers() {
    static const bool installed = [] {
        for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
            struct sigaction current {};
            if (::sigaction(signal, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) {
                continue;
            }
            struct sigaction handler {};
            handler.sa_handler = remove_live_and_die;
            sigemptyset(&handler.sa_mask);
            handler.sa_flags = SA_RESETHAND;
            ::sigaction(signal, &handler, nullptr);
        }
        return true;
    }();
    (void)installed;
}

int track(const char* path) {
    install_signal_handlers();
    for (std::size_t i = 0; i < g_live.size(); ++i) {
        const char* empty = nullptr;
        if (g_live[i].compare_exchange_strong(empty, path)) return static_cast<int>(i);
    }
    return -1;
}

void untrack(int slot) {
    if (slot >= 0) g_live[static_cast<std::size_t>(slot)].store(nullptr);
}

// Holds SIGINT, SIGTERM and SIGHUP back from creating a temporary file until it is tracked:
// one arriving in between would leave it behind. A held signal arrives when this goes.
class SignalsHeld {
public:
    SignalsHeld() {
        sigset_t held;
        sigemptyset(&held);
        for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, signal);
        ::pthread_sigmask(SIG_BLOCK, &held, &m_before);
    }
    ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &m_before, nullptr); }
    SignalsHeld(const SignalsHeld&) = delete;
    SignalsHeld& operator=(const SignalsHeld&) = delete;

private:
    sigset_t m_before{};
};

struct Temporary {
    std::string path;
    int fd;
};

[[noreturn]] void refuse(std::string_view target, std::string_view why) {
    throw UsageError(fmt::format("cannot write {}: {}", target, why));
}

// What the file will replace. rename(2) would put a regular file in place of a device, a
// folder's name or a symlink, so only a missing name or a regular file may be the target;
// a symlink to a regular file is resolved so that the link stays and its target is replaced.
// Returns the existing file's mode, if any.
std::optional<mode_t> check_target(std::string& target) {
    if (target.empty()) refuse(target, "the file name is empty");
    struct stat link {};
    if (::lstat(target.c_str(), &link) != 0) {
        if (errno == ENOENT) return std::nullopt;
        refuse(target, std::strerror(errno));
    }
    struct stat file = link;
    if (S_ISLNK(link.st_mode)) {
        if (::stat(target.c_str(), &file) != 0) {
            refuse(target, "it is a symbolic link to a missing or unreadable file");
        }
        std::error_code error;
        auto resolved = std::filesystem::canonical(target, error);
        if (error) refuse(target, error.message());
        target = resolved.native();
    }
    if (S_ISDIR(file.st_mode)) refuse(target, "it is a directory");
    if (!S_ISREG(file.st_mode)) refuse(target, "it exists and is not a regular file");
    return file.st_mode & 07777;
}

// O_EXCL|O_NOFOLLOW so that a name planted in a shared folder (a symlink elsewhere) is never
// written through; the next name is tried instead. Mode 0666 lets the umask decide, as for
// any new file; private data starts at 0600. The name is put together as a string:
// std::filesystem's parent_path(), filename() and `/` each split the path into components, a
// cost paid per invitation.
Temporary create_temporary(const std::string& target, mode_t mode) {
    static const auto pid = ::getpid();
    const std::string_view whole = target;
    const auto slash = whole.rfind('/');
    const auto folder = slash == std::string_view::npos ? "./" : whole.substr(0, slash + 1);
    const auto name = slash == std::string_view::npos ? whole : whole.substr(slash + 1);
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = fmt::format("{}.{}.{}-{}.tmp", folder, name, pid, g_counter++);
        const int fd =
            ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
        if (fd >= 0) return {std::move(candidate), fd};
        if (errno != EEXIST) {
            throw UsageError(fmt::format("cannot write {}: {}", target, std::strerror(errno)));
        }
    }
    throw UsageError(fmt::format("cannot write {}: no free temporary name", target));
}

}  // namespace

OutputFile::OutputFile(std::filesystem::path target, Access access)
    : m_target(target.native()), m_access(access), m_stream(nullptr) {
    open(access, true);
}

OutputFile::OutputFile(std::string_view folder, std::string_view name, Access access,
                       bool seen_absent)
    : m_access(access), m_stream(nullptr) {
    m_target.reserve(folder.size() + name.size());
    m_target.append(folder).append(name);
    open(access, !seen_absent);
}

void OutputFile::open(Access access, bool check) {
    const bool is_private = access == Access::private_data;
    std::optional<mode_t> existing;
    if (check) existing = check_target(m_target);
    m_checked = check;
    const SignalsHeld held;
    auto temporary = create_temporary(m_target, is_private ? 0600 : 0666);
    if (existing && ::fchmod(temporary.fd, is_private ? (*existing & 07700) : *existing) != 0) {
        const int error = errno;
        ::close(temporary.fd);
        ::unlink(temporary.path.c_str());
        refuse(m_target, std::strerror(error));
    }
    m_temporary = std::move(temporary.path);
    m_slot = track(m_temporary.c_str());
    m_buffer = std::make_unique<Buffer>(temporary.fd);
    m_stream.rdbuf(m_buffer.get());
}

OutputFile::~OutputFile() {
    if (!m_committed) {
        m_buffer->close();
        ::unlink(m_temporary.c_str());
    }
    untrack(m_slot);
}

void OutputFile::close() {
    m_stream.flush();
    if (!m_stream || !m_buffer->close()) {
        throw StorageError(
            fmt::format("writing {} failed: {}", m_target, std::strerror(m_buffer->error())));
    }
}

void OutputFile::commit() {
    close();
    if (!m_checked) {
        // Unchecked, the name was free when the folder was listed: take it only if it still is
        // (one system call where a look-up and a rename were two). If it is not, or the file
        // system cannot tell (EINVAL), check it as the constructor does, then replace it.
        if (::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD, m_target.c_str(),
                        RENAME_NOREPLACE) == 0) {
            m_committed = true;
            return;
        }
        if (errno != EEXIST && errno != EINVAL) {
            throw UsageError(fmt::format("cannot write {}: {}", m_target, std::strerror(errno)));
        }
        if (const auto existing = check_target(m_target)) {
            const bool is_private = m_access == Access::private_data;
            if (::chmod(m_temporary.c_str(), is_private ? (*existing & 07700) : *existing) != 0) {
                refuse(m_target, std::strerror(errno));
            }
        }
    }
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        throw UsageError(fmt::format("cannot write {}: {}", m_target, std::strerror(errno)));
    }
    m_committed = true;
}

std::unordered_set<std::string> names_in(const std::filesystem::path& folder) {
    std::unordered_set<std::string> names;
    std::error_code error;
    for (std::filesystem::directory_iterator entries(folder, error), end; !error && entries != end;
         entries.increment(error)) {
        names.insert(entries->path().filename().string());
    }
    return names;
}

std::size_t remove_stale_temporaries(const std::filesystem::path& folder) {
    std::size_t removed = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const auto name = entry.path().filename().string();
        // ".NAME.PID-N.tmp", as create_temporary names them.
        if (!name.starts_with('.') || !name.ends_with(".tmp")) continue;
        const auto dash = name.rfind('-');
        const auto dot = name.rfind('.', dash == std::string::npos ? 0 : dash);
        if (dash == std::string::npos || dot == std::string::npos || dot == 0) continue;
        const auto digits = name.substr(dot + 1, dash - dot - 1);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
            digits.size() > 9) {
            continue;
        }
        const auto pid = static_cast<pid_t>(std::stol(digits));
        // A writer that still runs keeps its files; kill(pid, 0) only asks whether it exists.
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        struct stat info {};
        if (::lstat(entry.path().c_str(), &info) != 0 || !S_ISREG(info.st_mode)) continue;
        if (::unlink(entry.path().c_str()) == 0) ++removed;
    }
    return removed;
}

}  // namespace convene::io
