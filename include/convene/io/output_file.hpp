#pragma once
// An output file that appears complete or not at all: the data goes to a temporary file in
// the same folder and replaces the target by rename(2) on commit(). A reader (a web server
// publishing the feed, a mail script picking up invitations) never sees half a file, and a
// failed export leaves the previous file in place.
#include <filesystem>
#include <memory>
#include <ostream>

namespace convene::io {

// Who may read the file: everyone the umask allows (a published feed), or its owner only
// (mode 0600, like the database: invitations and e-mails hold personal data).
enum class Access { shared, owner_only };

class OutputFile {
public:
    // Creates the temporary file now; a folder that does not exist or cannot be written is a
    // UsageError naming the target.
    explicit OutputFile(std::filesystem::path target, Access access = Access::shared);
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    // Removes the temporary file unless commit() succeeded.
    ~OutputFile();

    std::ostream& stream() noexcept { return m_stream; }
    // Writes out, closes and renames over the target; a write error (disk full) is a
    // StorageError and leaves the target as it was.
    void commit();

    class Buffer;  // a streambuf on the file descriptor, defined in the .cpp

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    std::unique_ptr<Buffer> m_buffer;
    std::ostream m_stream;
    bool m_committed{false};
};

}  // namespace convene::io
