#pragma once
// A folder that holds a published site (`convene publish`): each file is rewritten only when
// its content changed, so rsync, git and web caches see real changes only; the files an
// earlier run published and this one does not (a deleted or renamed event) are removed. The
// names published are kept in FOLDER/.convene-published, so no other file is ever touched.
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

namespace convene::io {

struct SiteFile {
    std::string name;  // a plain file name in the folder, no '/'
    std::string content;
};

struct SyncCounts {
    std::size_t written{0};
    std::size_t unchanged{0};
    std::size_t removed{0};
};

// Makes `folder` (created when only its last level is missing) hold `files`. The changed files
// are all written to temporaries first and then renamed, so a full disk replaces none of them.
SyncCounts sync_site(const std::filesystem::path& folder, std::span<const SiteFile> files);

}  // namespace convene::io
