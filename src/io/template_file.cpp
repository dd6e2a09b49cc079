#include "convene/io/template_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void unreadable(const std::string& path, std::string_view why) {
    throw BadInputError(fmt::format("{}: {}", path, why),
                        "templates are regular UTF-8 text files (convene-templates(5))");
}

class Descriptor {
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// The whole file, which must be a regular file of at most an event file's size in UTF-8.
// Opened without blocking: a FIFO put where a template belongs would otherwise wait for a
// writer forever.
std::string read_whole(const std::string& path) {
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
    if (fd.get() < 0) unreadable(path, fmt::format("cannot be read: {}", std::strerror(errno)));
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
        unreadable(path, S_ISDIR(info.st_mode) ? "is a directory" : "is not a regular file");
    }
    // One byte more than allowed is enough to tell that the file is too large.
    std::string text(domain::k_max_event_file_bytes + 1, '\0');
    std::size_t size = 0;
    while (size < text.size()) {
        const ssize_t got = ::read(fd.get(), text.data() + size, text.size() - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) unreadable(path, fmt::format("read error: {}", std::strerror(errno)));
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    text.resize(size);
    if (text.size() > domain::k_max_event_file_bytes) {
        unreadable(path, fmt::format("larger than {} KiB", domain::k_max_event_file_bytes / 1024));
    }
    if (const auto invalid = text::first_invalid_utf8(text)) {
        unreadable(path, fmt::format("not valid UTF-8 (byte {})", *invalid + 1));
    }
    return text;
}

// Whether something, even a dangling symbolic link, has this name.
bool present(const fs::path& path) {
    std::error_code error;
    const auto status = fs::symlink_status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        unreadable(path.string(), fmt::format("cannot be read: {}", error.message()));
    }
    return fs::exists(status);
}

}  // namespace

void check_template_folder(const fs::path& folder) {
    if (folder.empty()) return;
    std::error_code error;
    const auto status = fs::status(folder, error);
    if (!fs::exists(status)) {
        throw UsageError(
            fmt::format("invitations.templates: the folder {} does not exist", folder.string()),
            "create it, or remove invitations.templates to use the built-in invitations");
    }
    if (!fs::is_directory(status)) {
        throw UsageError(fmt::format("invitations.templates: {} is not a folder", folder.string()));
    }
}

std::optional<TemplateFile> read_invitation_template(const fs::path& folder,
                                                     std::string_view locale,
                                                     std::string_view extension) {
    if (folder.empty()) return std::nullopt;
    check_template_folder(folder);
    for (const auto& file_name : {fmt::format("invitation.{}.{}", locale, extension),
                                  fmt::format("invitation.{}", extension)}) {
        const auto path = folder / file_name;
        // A dangling link is a mistake to report, not a missing template to replace silently.
        if (!present(path)) continue;
        return TemplateFile{path.string(), read_whole(path.string())};
    }
    return std::nullopt;
}

}  // namespace convene::io
