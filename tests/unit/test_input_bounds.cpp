// Bounds checked while reading (issue 13): CSV records and headers, event files.
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "convene/app/event_file.hpp"
#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/event_file.hpp"
#include "testing.hpp"

using convene::io::CsvReader;
using convene::io::CsvRecord;

namespace {

std::string csv_error(const std::string& text) {
    return convene::testing::read_error<CsvReader, CsvRecord>(text, "data.csv");
}

// What create-event --from says of `text`: read, then checked by the rules.
std::string event_error(const std::string& text) {
    try {
        const auto file = convene::io::parse_event_file(text, "event.toml");
        file.value(convene::app::check_event_file(file, {"UTC", "en"}));
    } catch (const convene::BadInputError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("csv reader bounds records and columns", "[csv_reader][limits]") {
    const std::string huge(convene::domain::k_max_record_bytes + 1, 'x');
    CHECK(csv_error("name,email\n" + huge + ",a@b.c\n") ==
          "data.csv:2: a record is longer than 1024 KiB");
    CHECK(csv_error("name,email\n\"" + huge + "\n") ==
          "data.csv:2: a record is longer than 1024 KiB");
    CHECK(csv_error(std::string(2 * 1024 * 1024, '\0')) ==
          "data.csv:1: a record is longer than 1024 KiB");
    std::string wide = "c0";
    for (int i = 1; i <= 300; ++i) wide += ",c" + std::to_string(i);
    CHECK(csv_error(wide + "\n") == "data.csv:1: more than 256 fields");
    // Records just under the bound, one after the other, are fine.
    const std::string big(convene::domain::k_max_record_bytes / 2, 'y');
    CHECK(csv_error("a\n" + big + "\n" + big + "\n" + big + "\n") == "no error");
}

TEST_CASE("event files are bounded in size and nesting", "[event_file][limits]") {
    std::string dotted = "title = \"x\"\n";
    for (int i = 0; i < 100; ++i) dotted += "a.";
    CHECK(event_error(dotted + "a = 1\n") == "event.toml:2: nested deeper than 8 levels");
    CHECK(event_error("title = \"x\"\n[a.b.c.d.e.f.g.h.i.j]\n") ==
          "event.toml:2: nested deeper than 8 levels");
    CHECK(event_error("title = \"x\"\nv = " + std::string(20, '[') + std::string(20, ']')) ==
          "event.toml:2: nested deeper than 8 levels");
    // Dots inside strings, numbers and comments are no nesting.
    CHECK(event_error("title = \"a.b.c.d.e.f.g.h.i.j\" # x.x.x.x.x.x.x.x.x.x\n"
                      "capacity = 1\nstart = \"2024-01-01T10:00\"\nduration = \"1h\"\n") ==
          "no error");
    CHECK(event_error(std::string(convene::domain::k_max_event_file_bytes + 1, '#')) ==
          "event.toml: larger than 1024 KiB");
    CHECK(event_error("title = \"x\"\nstart = \"2024-01-01T10:00\"\nduration = \"1h\"\n"
                      "capacity = 1000001\n")
              .find("at most 1000000") != std::string::npos);
    CHECK(event_error("title = \"a\\u0000b\"\n").find("control character") != std::string::npos);
}
