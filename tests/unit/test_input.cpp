#include <string>

#include <catch2/catch.hpp>

#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "testing.hpp"

using convene::io::display_name;
using convene::io::InputFile;

TEST_CASE("inputs are named for messages, stdin as <stdin>", "[input]") {
    CHECK(display_name("-") == "<stdin>");
    CHECK(display_name("people.csv") == "people.csv");
}

TEST_CASE("an input that cannot be read is a usage error", "[input]") {
    try {
        InputFile input("/nonexistent/people.csv");
        FAIL("no exception");
    } catch (const convene::UsageError& error) {
        CHECK(std::string(error.what()) ==
              "cannot read /nonexistent/people.csv: No such file or directory");
    }
    CHECK_THROWS_AS(InputFile("/"), convene::UsageError);
}

TEST_CASE("an input file is read from its start", "[input]") {
    const convene::testing::TempFile file("name,email\nAda,ada@example.org\n", "people.csv");
    const auto& path = file.path;
    {
        InputFile input(path.string());
        std::string first_line;
        std::getline(input.stream(), first_line);
        CHECK(first_line == "name,email");
        CHECK(input.path() == path.string());
    }
}
