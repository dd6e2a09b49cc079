#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "convene/error.hpp"
#include "convene/io/output_file.hpp"

namespace {

namespace fs = std::filesystem;

struct TemporaryFolder {
    fs::path path =
        fs::temp_directory_path() / ("convene-output-file-" + std::to_string(::getpid()));
    TemporaryFolder() { fs::create_directories(path); }
    ~TemporaryFolder() { fs::remove_all(path); }
};

std::string content(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::size_t entries(const fs::path& folder) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(folder), fs::directory_iterator{}));
}

}  // namespace

TEST_CASE("an output file appears only on commit, replacing the old one whole", "[io]") {
    TemporaryFolder folder;
    const auto target = folder.path / "feed.ics";
    { std::ofstream(target) << "old"; }
    {
        convene::io::OutputFile file(target);
        file.stream() << "new\r\n";
        CHECK(content(target) == "old");  // readers still see the previous file
        CHECK(entries(folder.path) == 2);
        file.commit();
    }
    CHECK(content(target) == "new\r\n");
    CHECK(entries(folder.path) == 1);  // no temporary file left behind
}

TEST_CASE("an output file abandoned before commit leaves nothing behind", "[io]") {
    TemporaryFolder folder;
    const auto target = folder.path / "feed.ics";
    {
        convene::io::OutputFile file(target);
        file.stream() << "half";
    }
    CHECK_FALSE(fs::exists(target));
    CHECK(entries(folder.path) == 0);
}

TEST_CASE("an output file in a missing folder is a usage error", "[io]") {
    TemporaryFolder folder;
    CHECK_THROWS_AS(convene::io::OutputFile(folder.path / "missing" / "feed.ics"),
                    convene::UsageError);
}

TEST_CASE("an owner-only output file is created 0600 whatever the umask", "[io]") {
    TemporaryFolder folder;
    const auto old_mask = ::umask(0022);
    {
        convene::io::OutputFile shared(folder.path / "feed.ics");
        shared.stream() << "feed";
        shared.commit();
        convene::io::OutputFile personal(folder.path / "invitation.ics",
                                         convene::io::Access::owner_only);
        personal.stream() << "personal";
        personal.commit();
    }
    ::umask(old_mask);
    const auto mode = [](const fs::path& file) {
        return fs::status(file).permissions() & fs::perms::all;
    };
    CHECK(mode(folder.path / "feed.ics") == (fs::perms::owner_read | fs::perms::owner_write |
                                              fs::perms::group_read | fs::perms::others_read));
    CHECK(mode(folder.path / "invitation.ics") ==
          (fs::perms::owner_read | fs::perms::owner_write));
}
