#include "convene/io/site_folder.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/output_file.hpp"

namespace convene::io {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_manifest = ".convene-published";

// The file's bytes, or nothing when it is absent (or not a readable regular file, which the
// write then reports).
std::optional<std::string> read_existing(const fs::path& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::set<std::string> manifest_names(const fs::path& folder) {
    std::set<std::string> names;
    const auto text = read_existing(folder / k_manifest);
    if (!text) return names;
    std::istringstream lines(*text);
    for (std::string name; std::getline(lines, name);) {
        // Only plain names convene could have written: never a path out of the folder.
        if (!name.empty() && name.find('/') == std::string::npos && name != "." && name != "..") {
            names.insert(name);
        }
    }
    return names;
}

void make_folder(const fs::path& folder) {
    std::error_code error;
    if (fs::is_directory(folder, error)) return;
    if (!fs::create_directory(folder, error) && !fs::is_directory(folder)) {
        throw UsageError(fmt::format("cannot create the folder {}: {}", folder.string(),
                                     error ? error.message() : "it exists and is not a folder"),
                         "give a folder whose parent exists");
    }
}

}  // namespace

SyncCounts sync_site(const fs::path& folder, std::span<const SiteFile> files) {
    make_folder(folder);
    const auto before = manifest_names(folder);
    SyncCounts counts;
    std::vector<std::unique_ptr<OutputFile>> changed;
    const auto stage = [&](const fs::path& path, std::string_view content) {
        changed.push_back(std::make_unique<OutputFile>(path));
        changed.back()->stream() << content;
        changed.back()->close();
    };
    std::string manifest;
    std::set<std::string> now;
    for (const auto& file : files) {
        manifest += file.name + '\n';
        now.insert(file.name);
        const auto path = folder / file.name;
        if (read_existing(path) == file.content) {
            ++counts.unchanged;
        } else {
            stage(path, file.content);
        }
    }
    counts.written = changed.size();
    if (read_existing(folder / k_manifest) != manifest) stage(folder / k_manifest, manifest);
    for (auto& file : changed) file->commit();
    for (const auto& name : before) {
        std::error_code error;
        if (!now.contains(name) && fs::remove(folder / name, error)) ++counts.removed;
    }
    return counts;
}

}  // namespace convene::io
