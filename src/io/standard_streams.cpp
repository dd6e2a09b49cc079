#include "convene/io/standard_streams.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace convene::io {

namespace {

// A fact about the process, taken before anything opens a file.
std::array<bool, 3> g_closed{};

}  // namespace

void hold_closed_standard_streams() noexcept {
    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        g_closed[static_cast<std::size_t>(fd)] = true;
        // The lowest free number is `fd` itself: the lower ones are open by now.
        const int held = ::open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY));
        if (held != fd && held >= 0) ::close(held);
    }
}

bool standard_stream_was_closed(int fd) noexcept {
    return fd >= 0 && fd < 3 && g_closed[static_cast<std::size_t>(fd)];
}

}  // namespace convene::io
