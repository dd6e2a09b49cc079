#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

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
