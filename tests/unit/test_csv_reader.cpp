#include <algorithm>
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

TEST_CASE("csv reader rejects invalid UTF-8 after UTF-8", "[csv_reader]") {
    CHECK(error_of("name,city\nZo\xC3\xAB,Paris\nZo\xEB,Z\xFCrich\n") ==
          "data.csv:3: column 1 (\"name\") is not valid UTF-8: bytes EB after \"Zo\"");
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

TEST_CASE("csv reader keeps a column named twice apart", "[csv_reader]") {
    Fields header;
    const auto records = read_all("Company,City,Company,,\nLyon,Lyon,Ville,,\n", &header);
    CHECK(header == Fields{"Company", "City", "Company (2)", "", ""});
    REQUIRE(records.size() == 1);
    CHECK(records[0].fields == Fields{"Lyon", "Lyon", "Ville", "", ""});
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

namespace {

std::vector<CsvRecord> read_with(const std::string& bytes, convene::io::CsvOptions options,
                                 Fields& header, char* delimiter = nullptr,
                                 std::string* encoding = nullptr) {
    std::istringstream in(bytes);
    CsvReader reader(in, "data.csv", options);
    header = reader.header();
    if (delimiter) *delimiter = reader.delimiter();
    if (encoding) *encoding = std::string(reader.encoding());
    return convene::testing::read_all<CsvReader, CsvRecord>(reader);
}

std::string utf16le(std::string_view ascii_or_latin1) {
    std::string out = "\xFF\xFE";
    for (const char c : ascii_or_latin1) {
        out += c;
        out += '\0';
    }
    return out;
}

}  // namespace

TEST_CASE("csv reader detects the delimiter from the header line", "[csv_reader]") {
    Fields header;
    char delimiter = 0;
    auto records =
        read_with("name;email;note\r\nAna;a@x.org;\"x, y; z\"\r\n", {}, header, &delimiter);
    CHECK(delimiter == ';');
    CHECK(header == Fields{"name", "email", "note"});
    CHECK(records.at(0).fields == Fields{"Ana", "a@x.org", "x, y; z"});
    records = read_with("name\temail\nAna\ta@x.org\n", {}, header, &delimiter);
    CHECK(delimiter == '\t');
    CHECK(records.at(0).fields == Fields{"Ana", "a@x.org"});
    // Quoted delimiters in the header do not count; a tie is a comma.
    read_with("\"a;b;c\",d\n", {}, header, &delimiter);
    CHECK(delimiter == ',');
    CHECK(header == Fields{"a;b;c", "d"});
    read_with("a\n1\n", {}, header, &delimiter);
    CHECK(delimiter == ',');
    // Forced.
    records = read_with("name;email\nAna;a@x.org\n", {.delimiter = ','}, header, &delimiter);
    CHECK(delimiter == ',');
    CHECK(header == Fields{"name;email"});
}

TEST_CASE("csv reader reads UTF-16 with a byte order mark", "[csv_reader]") {
    Fields header;
    std::string encoding;
    auto records =
        read_with(utf16le("name\tcity\r\nZo\xEB\tZ\xFCrich\r\n"), {}, header, nullptr, &encoding);
    CHECK(encoding == "utf-16le");
    CHECK(header == Fields{"name", "city"});
    REQUIRE(records.size() == 1);
    CHECK(records[0].fields == Fields{"Zoë", "Zürich"});
    CHECK(records[0].line == 2);
    // Big-endian too.
    const std::string be = std::string("\xFE\xFF\0a\0,\0b\0\n\0\xE9\0,\0x\0\n", 18);
    records = read_with(be, {}, header, nullptr, &encoding);
    CHECK(encoding == "utf-16be");
    CHECK(records.at(0).fields == Fields{"é", "x"});
}

TEST_CASE("csv reader decodes UTF-16 across chunk boundaries with right lines", "[csv_reader]") {
    std::string text = "id,note\r\n";
    constexpr int k_records = 30'000;
    for (int i = 0; i < k_records; ++i) text += fmt::format("{},\xE9t\xE9{}\r\n", i, i % 3);
    Fields header;
    const auto records = read_with(utf16le(text), {}, header);
    REQUIRE(records.size() == static_cast<std::size_t>(k_records));
    for (int i = 0; i < k_records; i += 997) {
        CHECK(records[static_cast<std::size_t>(i)].line == static_cast<std::size_t>(i + 2));
        CHECK(records[static_cast<std::size_t>(i)].fields[1] == fmt::format("été{}", i % 3));
    }
}

TEST_CASE("csv reader reads Windows-1252 and Latin-1 when told", "[csv_reader]") {
    Fields header;
    const std::string bytes =
        "nom;organisation\r\nL\xE9"
        "a;C\x9C"
        "ur d\x92"
        "Arles\r\n";
    auto records =
        read_with(bytes, {.encoding = convene::io::find_encoding("windows-1252")}, header);
    CHECK(records.at(0).fields == Fields{"Léa", "Cœur d’Arles"});
    // Latin-1 has C1 controls where Windows-1252 has œ and ’: read, and refused later.
    records = read_with(bytes, {.encoding = convene::io::find_encoding("latin1")}, header);
    CHECK(records.at(0).fields == Fields{"Léa", "C\u009Cur d\u0092Arles"});
    // A byte order mark wins over the encoding given.
    records = read_with("\xEF\xBB\xBFn\nZo\xC3\xAB\n",
                        {.encoding = convene::io::find_encoding("cp1252")}, header);
    CHECK(records.at(0).fields == Fields{"Zoë"});
    CHECK_FALSE(convene::io::find_encoding("ebcdic"));
    CHECK(convene::io::find_encoding("UTF-16")->name == "utf-16le");
}

TEST_CASE("csv reader reads a file that is not UTF-8 as Windows-1252, and says so",
          "[csv_reader]") {
    const std::string bytes =
        "nom;organisation\r\nL\xE9"
        "a;C\x9C"
        "ur d\x92"
        "Arles\r\n";
    std::istringstream in(bytes);
    CsvReader reader(in, "people.csv");
    CHECK(reader.encoding() == "windows-1252");
    const auto records = convene::testing::read_all<CsvReader, CsvRecord>(reader);
    CHECK(records.at(0).fields == Fields{"Léa", "Cœur d’Arles"});
    // UTF-8, marked or not, is said as such.
    std::istringstream utf8("n\nZo\xC3\xAB\n");
    CsvReader plain(utf8, "people.csv");
    CHECK(plain.encoding() == "utf-8");
}

TEST_CASE("csv reader still refuses what is not UTF-8 when told UTF-8", "[csv_reader]") {
    std::istringstream in("caf\xE9,b\n");
    CHECK_THROWS_WITH(CsvReader(in, "data.csv", {.encoding = convene::io::find_encoding("utf-8")}),
                      "data.csv:1: header: column 1 is not valid UTF-8: bytes E9 after \"caf\"");
}

TEST_CASE("csv reader guesses on the first non-ASCII byte, wherever the chunks end",
          "[csv_reader]") {
    // ASCII well past the first chunk (64 KiB), then a Windows-1252 é.
    std::string text = "name,note\n";
    while (text.size() < 200 * 1024) text += "Ada,plain ascii text\n";
    const auto ascii_rows = std::count(text.begin(), text.end(), '\n') - 1;
    std::istringstream in(text +
                          "L\xE9"
                          "a,caf\xE9\n");
    CsvReader reader(in, "big.csv");
    CHECK(reader.encoding() == "utf-8");  // nothing told yet
    auto records = convene::testing::read_all<CsvReader, CsvRecord>(reader);
    CHECK(reader.encoding() == "windows-1252");
    REQUIRE(records.size() == static_cast<std::size_t>(ascii_rows) + 1);
    CHECK(records.back().fields == Fields{"Léa", "café"});
    CHECK(records.back().line == static_cast<std::size_t>(ascii_rows) + 2);
    // A UTF-8 é cut in two by the end of the first chunk is still UTF-8.
    const std::string cut = "name\n" + std::string(64 * 1024 - 6, 'x') + "\xC3\xA9\n";
    Fields header;
    std::string encoding;
    records = read_with(cut, {}, header, nullptr, &encoding);
    CHECK(encoding == "utf-8");
    CHECK(records.at(0).fields.at(0).ends_with("xé"));
}

TEST_CASE("csv reader: rows of empty cells of any width are empty records", "[csv_reader]") {
    Fields header;
    const auto records = read_with("name,email,\nA,a@x.org,\n,,,,\n,\n", {}, header);
    CHECK(header == Fields{"name", "email", ""});
    REQUIRE(records.size() == 3);
    CHECK(records[1].fields == Fields{"", "", ""});
    CHECK(records[2].fields == Fields{"", "", ""});
    // Columns with no name may repeat.
    CHECK(read_with("a,,\n", {}, header).empty());
}
