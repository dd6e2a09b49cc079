#pragma once
// An output file that appears complete or not at all: the data goes to a temporary file in
// the same folder and replaces the target by rename(2) on commit(). A reader (a web server
// publishing the feed, a mail script picking up invitations) never sees half a file, and a
// failed export leaves the previous file in place. The temporary file is removed when the
// object goes without commit(), and also when SIGINT, SIGTERM or SIGHUP end convene meanwhile
// (Ctrl-C); only SIGKILL leaves it, for remove_stale_temporaries.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_set>

namespace convene::io {

class OutputFile {
public:
    // Who may read the file: a private one (invitations name people) is created 0600.
    enum class Access { shared, private_data };

    // Creates the temporary file now; a folder that does not exist or cannot be written, an
    // empty name, or a target that exists and is not a regular file (a device, a folder, a
    // dangling symlink) is a UsageError naming the target. A symlink to a regular file is
    // followed, so the link stays. A replaced file keeps its mode (a private one never gains
    // group or other bits).
    explicit OutputFile(std::filesystem::path target, Access access = Access::shared);
    // A file `name` in `folder` (a path ending in '/'), for writers of many files in one
    // folder. `seen_absent`: the caller listed the folder (names_in) and the name was not
    // there, so it is not looked up before writing; commit() then never replaces a file that
    // appeared meanwhile unchecked: it renames only if the name is still free, else checks the
    // target as the constructor would have and replaces it as above.
    OutputFile(std::string_view folder, std::string_view name, Access access, bool seen_absent);
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    // Removes the temporary file unless commit() succeeded.
    ~OutputFile();

    std::ostream& stream() noexcept { return m_stream; }
    // Writes out and closes the temporary file; a write error (disk full) is a StorageError
    // and leaves the target as it was. For writers of several files that belong together:
    // close() each, then commit() each, so that a full disk replaces none of them.
    void close();
    // Closes (if close() did not) and renames over the target.
    void commit();

    class Buffer;  // a streambuf on the file descriptor, defined in the .cpp

private:
    void open(Access access, bool check);

    std::string m_target;  // a string: a path would split itself into components per file
    std::string m_temporary;
    Access m_access;
    bool m_checked{false};  // check_target() ran on m_target
    int m_slot{-1};         // where the signal handler finds m_temporary
    std::unique_ptr<Buffer> m_buffer;
    std::ostream m_stream;
    bool m_committed{false};
};

// The names of the entries of `folder` (none if it cannot be read): what a writer of many
// files in it may replace.
std::unordered_set<std::string> names_in(const std::filesystem::path& folder);

// Removes the temporary files that writers killed before commit (Ctrl-C, SIGKILL) left in
// folder; files of a writer that still runs stay. Returns how many were removed.
std::size_t remove_stale_temporaries(const std::filesystem::path& folder);

}  // namespace convene::io
