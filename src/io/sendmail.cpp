#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/mail_transport.hpp"

extern char** environ;

namespace convene::io {

namespace {

std::vector<std::string> split_words(const std::string& command) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : command) {
        if (c == ' ' || c == '\t') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// SIGPIPE ignored while it lives: a command that exits early must be a refused message, not
// the end of convene.
class IgnoreSigpipe {
public:
    IgnoreSigpipe() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &ignore, &m_old);
    }
    ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &m_old, nullptr); }
    IgnoreSigpipe(const IgnoreSigpipe&) = delete;
    IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

private:
    struct sigaction m_old {};
};

using Clock = std::chrono::steady_clock;

int milliseconds_left(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 60'000));
}

enum class Written { all, refused, timed_out };

// Writes through a non-blocking pipe: a command that never reads its input must not hold
// convene past the deadline.
Written write_all(int fd, std::string_view data, Clock::time_point deadline) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0 && errno == EAGAIN) {
            pollfd ready{fd, POLLOUT, 0};
            const int left = milliseconds_left(deadline);
            if (left == 0) return Written::timed_out;
            ::poll(&ready, 1, left);
            continue;
        }
        if (written <= 0) return Written::refused;
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return Written::all;
}

// Waits for `pid` until the deadline; false when it is still running then.
bool wait_until(pid_t pid, int& status, Clock::time_point deadline) {
    auto pause = std::chrono::milliseconds{1};
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR)) return true;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds{50});
    }
}

// Ends a command that ran out of time: asked first, then forced.
void stop(pid_t pid) {
    int status = 0;
    ::kill(pid, SIGTERM);
    if (wait_until(pid, status, Clock::now() + std::chrono::seconds{2})) return;
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

class Sendmail : public MailTransport {
public:
    Sendmail(const std::string& command, std::chrono::seconds timeout)
        : m_command(command), m_words(split_words(command)), m_timeout(timeout) {
        if (m_words.empty()) throw UsageError("mail.sendmail is empty");
    }

    Delivery deliver(std::string_view, std::string_view to, std::string_view message) override {
        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0 || ::fcntl(pipe_fds[1], F_SETFL, O_NONBLOCK) != 0) {
            throw DeliveryError(fmt::format("cannot run {}: {}", m_command, std::strerror(errno)));
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
        std::vector<char*> argv;
        for (auto& word : m_words) argv.push_back(word.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_fds[0]);
        if (spawned != 0) {
            ::close(pipe_fds[1]);
            throw DeliveryError(
                fmt::format("cannot run {}: {}", m_words[0], std::strerror(spawned)),
                "set mail.sendmail or mail.smtp_url in the configuration");
        }
        const auto deadline = Clock::now() + m_timeout;
        Written written = Written::refused;
        {
            IgnoreSigpipe ignore;
            written = write_all(pipe_fds[1], message, deadline);
            ::close(pipe_fds[1]);
        }
        int status = 0;
        if (written == Written::timed_out || !wait_until(pid, status, deadline)) {
            stop(pid);
            // It may hang for every message alike: stop the run rather than wait for each.
            throw DeliveryInDoubt(
                fmt::format("{} did not finish within {}s (mail.timeout); the message to {} "
                            "may or may not have gone out",
                            m_words[0], m_timeout.count(), to),
                "check the mail program; mail.timeout in convene.toml sets how long to wait");
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && written == Written::all) {
            return {true, false, {}};
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
            throw DeliveryError(fmt::format("cannot run {}", m_command));
        }
        if (WIFSIGNALED(status)) {
            return {false, false,
                    fmt::format("{} was killed by signal {}", m_words[0], WTERMSIG(status))};
        }
        const int code = WEXITSTATUS(status);
        // sysexits.h, as sendmail, msmtp and Postfix use it: a bad address or a bad message
        // is refused for good (EX_DATAERR, EX_NOUSER, EX_NOHOST); anything else may pass later
        // (EX_TEMPFAIL, a server that could not be reached).
        const bool permanent = code == 65 || code == 67 || code == 68;
        return {false, permanent,
                fmt::format("{} exited with status {}{}", m_words[0], code,
                            permanent ? " (the address or the message was refused)" : "")};
    }

private:
    std::string m_command;
    std::vector<std::string> m_words;
    std::chrono::seconds m_timeout;
};

}  // namespace

std::unique_ptr<MailTransport> make_sendmail(const std::string& command,
                                             std::chrono::seconds timeout) {
    return std::make_unique<Sendmail>(command, timeout);
}

}  // namespace convene::io
