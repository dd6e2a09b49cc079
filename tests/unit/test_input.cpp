#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "convene/error.hpp"
#include "convene/io/input.hpp"

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
    const auto path = std::filesystem::temp_directory_path() /
                      ("convene_test_input_" + std::to_string(::getpid()) + ".csv");
    std::ofstream(path) << "name,email\nAda,ada@example.org\n";
    {
        InputFile input(path.string());
        std::string first_line;
        std::getline(input.stream(), first_line);
        CHECK(first_line == "name,email");
        CHECK(input.path() == path.string());
    }
    std::filesystem::remove(path);
}
