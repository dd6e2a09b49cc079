#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

class Sendmail : public MailTransport {
public:
    explicit Sendmail(const std::string& command)
        : m_command(command), m_words(split_words(command)) {
        if (m_words.empty()) throw UsageError("mail.sendmail is empty");
    }

    Delivery deliver(std::string_view, std::string_view, std::string_view message) override {
        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
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
        bool written = false;
        {
            IgnoreSigpipe ignore;
            written = write_all(pipe_fds[1], message);
            ::close(pipe_fds[1]);
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && written) return {true, {}};
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
            throw DeliveryError(fmt::format("cannot run {}", m_command));
        }
        if (WIFSIGNALED(status)) {
            return {false, fmt::format("{} was killed by signal {}", m_words[0], WTERMSIG(status))};
        }
        return {false, fmt::format("{} exited with status {}", m_words[0], WEXITSTATUS(status))};
    }

private:
    std::string m_command;
    std::vector<std::string> m_words;
};

}  // namespace

std::unique_ptr<MailTransport> make_sendmail(const std::string& command) {
    return std::make_unique<Sendmail>(command);
}

}  // namespace convene::io
