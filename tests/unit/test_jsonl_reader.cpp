#include <sstream>

#include <catch2/catch.hpp>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/jsonl_reader.hpp"
#include "testing.hpp"

using convene::BadInputError;
using convene::io::JsonlReader;
using convene::io::JsonlRecord;

namespace {

std::vector<JsonlRecord> read_all(const std::string& text) {
    std::istringstream in(text);
    JsonlReader reader(in, "people.jsonl");
    return convene::testing::read_all<JsonlReader, JsonlRecord>(reader);
}

std::string error_of(const std::string& text, std::string_view file_name = "people.jsonl") {
    return convene::testing::read_error<JsonlReader, JsonlRecord>(text, file_name);
}

}  // namespace

TEST_CASE("jsonl reader yields one object per line with its line number", "[jsonl_reader]") {
    const auto records = read_all(R"({"name": "Zoë", "email": "zoe@example.org", "seats": 2})"
                                  "\n"
                                  R"({"name": "Bob", "tags": ["a", "b"], "note": null})"
                                  "\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].line == 1);
    CHECK(records[0].object["name"] == "Zoë");
    CHECK(records[0].object["seats"] == 2);
    CHECK(records[1].line == 2);
    CHECK(records[1].object["tags"] == nlohmann::ordered_json::array({"a", "b"}));
    CHECK(records[1].object["note"].is_null());
}

TEST_CASE("jsonl reader keeps the key order of the file", "[jsonl_reader]") {
    const auto records = read_all(R"({"zeta": 1, "alpha": 2, "mid": 3})");
    REQUIRE(records.size() == 1);
    CHECK(records[0].object.dump() == R"({"zeta":1,"alpha":2,"mid":3})");
}

TEST_CASE("jsonl reader skips blank lines but counts them", "[jsonl_reader]") {
    const auto records = read_all("\n{\"a\": 1}\n   \n\t\n{\"a\": 2}\n\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].line == 2);
    CHECK(records[1].line == 5);
    CHECK(records[1].object["a"] == 2);
}

TEST_CASE("jsonl reader strips a byte order mark and accepts CRLF", "[jsonl_reader]") {
    const auto records = read_all("\xEF\xBB\xBF{\"a\": \"x\"}\r\n\r\n{\"a\": \"y\"}\r\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].object["a"] == "x");
    CHECK(records[1].line == 3);
    CHECK(records[1].object["a"] == "y");
}

TEST_CASE("jsonl reader: an empty input is zero records", "[jsonl_reader]") {
    CHECK(read_all("").empty());
    CHECK(read_all("\n\n").empty());
}

TEST_CASE("jsonl reader names the line of invalid JSON", "[jsonl_reader]") {
    CHECK(error_of("{\"a\": 1}\n\n{\"a\": }\n") ==
          "people.jsonl:3: invalid JSON at column 7: syntax error while parsing value - "
          "unexpected '}'; expected '[', '{', or a literal");
    CHECK(error_of("{\"a\": 1} {\"b\": 2}\n", "-") ==
          "<stdin>:1: invalid JSON at column 10: syntax error while parsing value - "
          "unexpected '{'; expected end of input");
}

TEST_CASE("jsonl reader wants an object on every line", "[jsonl_reader]") {
    CHECK(error_of("{\"a\": 1}\n[1, 2]\n") ==
          "people.jsonl:2: expected a JSON object, found array");
    CHECK(error_of("\"text\"\n") == "people.jsonl:1: expected a JSON object, found string");
}

TEST_CASE("jsonl reader rejects invalid UTF-8", "[jsonl_reader]") {
    CHECK(error_of("{\"a\": 1}\n{\"name\": \"caf\xE9\"}\n") == "people.jsonl:2: not valid UTF-8");
}

TEST_CASE("jsonl reader keeps numbers exact and keys unique", "[jsonl_reader]") {
    CHECK(error_of(R"({"a": 123456789012345678901234567890})"
                   "\n") ==
          "people.jsonl:1: a number is too large to keep exactly; write it as a string (in "
          "quotes)");
    CHECK(error_of(R"({"a": 1e300})"
                   "\n")
              .find("too large") != std::string::npos);
    CHECK(error_of(R"({"a": 1, "b": {"c": 1, "c": 2}})"
                   "\n") == R"(people.jsonl:1: key "c" appears twice)");
    CHECK(error_of(R"({"a": [[[[[[1]]]]]]})"
                   "\n")
              .find("nested deeper") != std::string::npos);
    const auto records =
        read_all(R"({"a": 18446744073709551615, "b": -9223372036854775808, "c": 0.5})"
                 "\n");
    REQUIRE(records.size() == 1);
    CHECK(records[0].object["a"].dump() == "18446744073709551615");
    CHECK(records[0].object["b"].dump() == "-9223372036854775808");
}

TEST_CASE("jsonl reader bounds the line it reads", "[jsonl_reader]") {
    const std::string line(convene::domain::k_max_record_bytes + 10, ' ');
    CHECK(error_of("{}\n" + line + "\n") == "people.jsonl:2: the line is longer than 1024 KiB");
    CHECK(error_of(std::string(1024, '\0')) != "no error");
}
