#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>

#include <sys/stat.h>
#include <unistd.h>

#include "convene/error.hpp"
#include "convene/io/output_file.hpp"
#include "testing.hpp"

namespace {

namespace fs = std::filesystem;
using convene::testing::read_text;
using convene::testing::TempFolder;

std::size_t entries(const fs::path& folder) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(folder), fs::directory_iterator{}));
}

}  // namespace

TEST_CASE("an output file appears only on commit, replacing the old one whole", "[io]") {
    TempFolder folder;
    const auto target = folder.path / "feed.ics";
    { std::ofstream(target) << "old"; }
    {
        convene::io::OutputFile file(target);
        file.stream() << "new\r\n";
        CHECK(read_text(target) == "old");  // readers still see the previous file
        CHECK(entries(folder.path) == 2);
        file.commit();
    }
    CHECK(read_text(target) == "new\r\n");
    CHECK(entries(folder.path) == 1);  // no temporary file left behind
}

TEST_CASE("an output file abandoned before commit leaves nothing behind", "[io]") {
    TempFolder folder;
    const auto target = folder.path / "feed.ics";
    {
        convene::io::OutputFile file(target);
        file.stream() << "half";
    }
    CHECK_FALSE(fs::exists(target));
    CHECK(entries(folder.path) == 0);
}

TEST_CASE("an output file in a missing folder is a usage error", "[io]") {
    TempFolder folder;
    CHECK_THROWS_AS(convene::io::OutputFile(folder.path / "missing" / "feed.ics"),
                    convene::UsageError);
}

TEST_CASE("an output file only replaces regular files", "[io]") {
    TempFolder folder;
    CHECK_THROWS_AS(convene::io::OutputFile(""), convene::UsageError);
    CHECK_THROWS_AS(convene::io::OutputFile("/dev/null"), convene::UsageError);
    CHECK_THROWS_AS(convene::io::OutputFile(folder.path), convene::UsageError);
    fs::create_symlink(folder.path / "missing", folder.path / "dangling");
    CHECK_THROWS_AS(convene::io::OutputFile(folder.path / "dangling"), convene::UsageError);
    CHECK(entries(folder.path) == 1);  // no temporary file left behind
}

TEST_CASE("an output file keeps the mode it replaces, private ones start at 0600", "[io]") {
    TempFolder folder;
    const auto target = folder.path / "feed.ics";
    { std::ofstream(target) << "old"; }
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
    {
        convene::io::OutputFile file(target);
        file.stream() << "new";
        file.commit();
    }
    CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    const auto invitation = folder.path / "invitation.ics";
    {
        convene::io::OutputFile file(invitation, convene::io::OutputFile::Access::private_data);
        file.commit();
    }
    CHECK((fs::status(invitation).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
          fs::perms::none);
}

TEST_CASE("stale temporary files of dead writers are removed", "[io]") {
    TempFolder folder;
    // PIDs above the kernel's limit (pid_max is at most 2^22) never run.
    { std::ofstream(folder.path / ".a.ics.999999999-3.tmp") << "half"; }
    { std::ofstream(folder.path / (".b.ics." + std::to_string(::getpid()) + "-1.tmp")) << "busy"; }
    { std::ofstream(folder.path / "keep.tmp") << "not ours"; }
    CHECK(convene::io::remove_stale_temporaries(folder.path) == 1);
    CHECK(entries(folder.path) == 2);
}

TEST_CASE("an owner-only output file is created 0600 whatever the umask", "[io]") {
    TempFolder folder;
    const auto old_mask = ::umask(0022);
    {
        convene::io::OutputFile shared(folder.path / "feed.ics");
        shared.stream() << "feed";
        shared.commit();
        convene::io::OutputFile personal(folder.path / "invitation.ics",
                                         convene::io::OutputFile::Access::private_data);
        personal.stream() << "personal";
        personal.commit();
    }
    ::umask(old_mask);
    const auto mode = [](const fs::path& file) {
        return fs::status(file).permissions() & fs::perms::all;
    };
    CHECK(mode(folder.path / "feed.ics") == (fs::perms::owner_read | fs::perms::owner_write |
                                             fs::perms::group_read | fs::perms::others_read));
    CHECK(mode(folder.path / "invitation.ics") == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("a file seen absent is written without a look-up, and never replaces unchecked", "[io]") {
    using convene::io::OutputFile;
    TempFolder folder;
    { std::ofstream(folder.path / "old.ics") << "old"; }
    const auto names = convene::io::names_in(folder.path);
    CHECK(names == std::unordered_set<std::string>{"old.ics"});
    const std::string prefix = folder.path.string() + "/";
    {
        OutputFile file(prefix, "new.ics", OutputFile::Access::private_data, true);
        file.stream() << "new";
        file.commit();
    }
    CHECK(read_text(folder.path / "new.ics") == "new");
    CHECK((fs::status(folder.path / "new.ics").permissions() &
           (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    {
        // A file that appears while it is written is checked and replaced as usual: its mode
        // stays (never more than owner-only for private data).
        OutputFile file(prefix, "late.ics", OutputFile::Access::private_data, true);
        file.stream() << "mine";
        { std::ofstream(folder.path / "late.ics") << "theirs"; }
        fs::permissions(folder.path / "late.ics",
                        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
        file.commit();
    }
    CHECK(read_text(folder.path / "late.ics") == "mine");
    CHECK(fs::status(folder.path / "late.ics").permissions() ==
          (fs::perms::owner_read | fs::perms::owner_write));
    {
        // A folder that appears under the name is refused, as the constructor would.
        OutputFile file(prefix, "gone.ics", OutputFile::Access::private_data, true);
        fs::create_directory(folder.path / "gone.ics");
        CHECK_THROWS_AS(file.commit(), convene::UsageError);
    }
    CHECK(fs::is_directory(folder.path / "gone.ics"));
    CHECK(entries(folder.path) == 4);  // no temporary file left behind
}
