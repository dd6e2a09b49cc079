#include <sstream>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "convene/error.hpp"
#include "convene/io/csv_reader.hpp"
#include "testing.hpp"

using convene::BadInputError;
using convene::io::CsvReader;
using convene::io::CsvRecord;

namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> read_all(const std::string& text, Fields* header = nullptr) {
    std::istringstream in(text);
    CsvReader reader(in, "data.csv");
    if (header) {
        *header = reader.header();
    }
    return convene::testing::read_all<CsvReader, CsvRecord>(reader);
}

std::string error_of(const std::string& text, std::string_view file_name = "data.csv") {
    return convene::testing::read_error<CsvReader, CsvRecord>(text, file_name);
}

}  // namespace

TEST_CASE("csv reader gives the header and each record with its line", "[csv_reader]") {
    Fields header;
    const auto records =
        read_all("name,email\nAda,ada@example.org\nBob,bob@example.org\n", &header);
    CHECK(header == Fields{"name", "email"});
    REQUIRE(records.size() == 2);
    CHECK(records[0].line == 2);
    CHECK(records[0].fields == Fields{"Ada", "ada@example.org"});
    CHECK(records[1].line == 3);
    CHECK(records[1].fields == Fields{"Bob", "bob@example.org"});
}

TEST_CASE("csv reader handles quoted commas, quotes and line breaks", "[csv_reader]") {
    const auto records = read_all(
        "name,note\n"
        "\"Ada\",\"a, b\"\n"
        "Bob,\"line 1\nline 2\nline 3\"\n"
        "Cy,\"say \"\"hi\"\"\"\n"
        "Di,\n");
    REQUIRE(records.size() == 4);
    CHECK(records[0].fields == Fields{"Ada", "a, b"});
    CHECK(records[1].fields == Fields{"Bob", "line 1\nline 2\nline 3"});
    CHECK(records[2].fields == Fields{"Cy", "say \"hi\""});
    CHECK(records[3].fields == Fields{"Di", ""});
    CHECK(records[0].line == 2);
    CHECK(records[1].line == 3);
    CHECK(records[2].line == 6);  // after the three lines of Bob's note
    CHECK(records[3].line == 7);
}

TEST_CASE("csv reader accepts CRLF line ends", "[csv_reader]") {
    const auto records = read_all("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].fields == Fields{"1", "2"});
    CHECK(records[1].fields == Fields{"x\r\ny", "3"});
    CHECK(records[2].fields == Fields{"4", "5"});
    CHECK(records[0].line == 2);
    CHECK(records[1].line == 3);
    CHECK(records[2].line == 5);
}

TEST_CASE("csv reader strips a UTF-8 byte order mark", "[csv_reader]") {
    Fields header;
    const auto records = read_all("\xEF\xBB\xBFname,city\nZoë,Zürich\n", &header);
    CHECK(header == Fields{"name", "city"});
    REQUIRE(records.size() == 1);
    CHECK(records[0].fields == Fields{"Zoë", "Zürich"});
}

TEST_CASE("csv reader keeps spaces, skips blank lines, needs no final newline", "[csv_reader]") {
    const auto records = read_all("a,b\n\n x , y \n\n\n,\n3,4");
    REQUIRE(records.size() == 3);
    CHECK(records[0].fields == Fields{" x ", " y "});
    CHECK(records[0].line == 3);
    CHECK(records[1].fields == Fields{"", ""});
    CHECK(records[1].line == 6);
    CHECK(records[2].fields == Fields{"3", "4"});
    CHECK(records[2].line == 7);
}

TEST_CASE("csv reader: a header only is zero records", "[csv_reader]") {
    Fields header;
    CHECK(read_all("name,email\n", &header).empty());
    CHECK(header == Fields{"name", "email"});
    CHECK(read_all("name,email", &header).empty());
    CHECK(header == Fields{"name", "email"});
}

TEST_CASE("csv reader finds columns by name", "[csv_reader]") {
    std::istringstream in("name,email\n");
    CsvReader reader(in, "data.csv");
    CHECK(reader.column("email") == 1U);
    CHECK_FALSE(reader.column("Email").has_value());
}

TEST_CASE("csv reader: an empty input has no header row", "[csv_reader]") {
    CHECK(error_of("") == "data.csv:1: no header row (the input is empty)");
    CHECK(error_of("\n\n") == "data.csv:1: no header row (the input is empty)");
    CHECK(error_of("", "-") == "<stdin>:1: no header row (the input is empty)");
}

TEST_CASE("csv reader rejects a record with another number of fields", "[csv_reader]") {
    CHECK(error_of("a,b\n1,2\n3\n") == "data.csv:3: expected 2 fields as in the header, found 1");
    CHECK(error_of("a,b\n1,2,3\n") == "data.csv:2: expected 2 fields as in the header, found 3");
}

TEST_CASE("csv reader names the start line of a bad record after a multi-line one",
          "[csv_reader]") {
    CHECK(error_of("a,b\n\"1\n2\n3\",x\n4,5,6\n") ==
          "data.csv:5: expected 2 fields as in the header, found 3");
}

TEST_CASE("csv reader rejects invalid UTF-8", "[csv_reader]") {
    CHECK(error_of("name,city\nAda,Paris\nZo\xEB,Z\xFCrich\n") ==
          "data.csv:3: field \"name\" is not valid UTF-8");
    CHECK(error_of("caf\xE9,b\n") == "data.csv:1: column 1 of the header is not valid UTF-8");
}

TEST_CASE("csv reader rejects stray quotes", "[csv_reader]") {
    CHECK(error_of("a,b\n1,2\n3,x\"y\n") ==
          "data.csv:3: misplaced '\"': a field with quotes must be quoted itself");
    CHECK(error_of("a,b\n\"x\"y,2\n") ==
          "data.csv:2: misplaced '\"': a field with quotes must be quoted itself");
}

TEST_CASE("csv reader rejects a quoted field left open at the end", "[csv_reader]") {
    CHECK(error_of("a,b\n1,2\n3,\"open\nmore\n") ==
          "data.csv:3: a quoted field is not closed before the end of the input");
}

TEST_CASE("csv reader rejects a column named twice", "[csv_reader]") {
    CHECK(error_of("email,name,email\n") ==
          "data.csv:1: column \"email\" appears twice in the header");
}

TEST_CASE("csv reader keeps line numbers right across chunk boundaries", "[csv_reader]") {
    // Two lines per record, CRLF, and lengths that vary so that chunk ends fall everywhere,
    // including between the CR and the LF.
    std::string text = "id,note\r\n";
    constexpr int k_records = 50'000;
    for (int i = 0; i < k_records; ++i) {
        const std::string padding(static_cast<std::size_t>(i % 7), 'x');
        text += fmt::format("{},\"{}\r\nend\"\r\n", i, padding);
    }
    std::istringstream in(text);
    CsvReader reader(in, "big.csv");
    CsvRecord record;
    int count = 0;
    while (reader.next(record)) {
        REQUIRE(record.line == static_cast<std::size_t>(2 + 2 * count));
        REQUIRE(record.fields[0] == std::to_string(count));
        const std::string padding(static_cast<std::size_t>(count % 7), 'x');
        REQUIRE(record.fields[1] == padding + "\r\nend");
        ++count;
    }
    CHECK(count == k_records);
}

TEST_CASE("csv reader goes on after a bad record, not after a broken quote", "[csv_reader]") {
    {
        std::istringstream in("a,b\n1\n2,3\n");
        CsvReader reader(in, "data.csv");
        CsvRecord record;
        CHECK_THROWS_AS(reader.next(record), BadInputError);
        CHECK_FALSE(reader.broken());
        REQUIRE(reader.next(record));
        CHECK(record.line == 3);
        CHECK(record.fields == Fields{"2", "3"});
    }
    {
        std::istringstream in("a,b\n1,x\"y\n2,3\n");
        CsvReader reader(in, "data.csv");
        CsvRecord record;
        CHECK_THROWS_AS(reader.next(record), BadInputError);
        CHECK(reader.broken());
    }
}
