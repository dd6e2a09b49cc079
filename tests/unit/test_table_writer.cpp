#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "convene/error.hpp"
#include "convene/export/spreadsheet.hpp"
#include "convene/export/table_writer.hpp"

using namespace convene::output;

namespace {

std::vector<Column> people_columns() {
    return {{"id", ColumnType::integer}, {"name", ColumnType::text}, {"city", ColumnType::text}};
}

// No header, nothing else changed.
WriterOptions rows_only() {
    WriterOptions options;
    options.no_header = true;
    return options;
}

// Writes three people, one with accents, one in CJK, one with a combining accent.
std::string write_people(Format format, WriterOptions options = {}) {
    std::ostringstream out;
    auto writer = make_row_writer(format, out, people_columns(), options);
    writer->row({1, "Zoë", "Paris"});
    writer->row({12, "李小龍", "東京"});
    writer->row({3, "e\u0301te", "x"});
    writer->finish();
    return out.str();
}

}  // namespace

TEST_CASE("parse_format knows the five formats", "[table_writer]") {
    CHECK(*parse_format("table") == Format::table);
    CHECK(*parse_format("tsv") == Format::tsv);
    CHECK(*parse_format("csv") == Format::csv);
    CHECK(*parse_format("json") == Format::json);
    CHECK(*parse_format("jsonl") == Format::jsonl);
    CHECK(to_string(Format::jsonl) == "jsonl");
    CHECK(default_format(true) == Format::table);
    CHECK(default_format(false) == Format::tsv);
}

TEST_CASE("parse_format rejects other names with the list of accepted ones", "[table_writer]") {
    const auto xml = parse_format("xml");
    REQUIRE_FALSE(xml.ok());
    CHECK(xml.problem().message ==
          "unknown output format 'xml' (accepted: table, tsv, csv, json, jsonl)");
    CHECK(xml.problem().field == "format");
    CHECK_FALSE(parse_format("JSON").ok());
}

TEST_CASE("table aligns columns by display width", "[table_writer]") {
    CHECK(write_people(Format::table) ==
          "id  name    city\n"
          "--  ------  -----\n"
          " 1  Zoë     Paris\n"
          "12  李小龍  東京\n"
          " 3  e\u0301te     x\n");
}

TEST_CASE("table without header has rows only", "[table_writer]") {
    CHECK(write_people(Format::table, rows_only()) ==
          " 1  Zoë     Paris\n"
          "12  李小龍  東京\n"
          " 3  e\u0301te     x\n");
}

TEST_CASE("table shows every value on one line, without control characters", "[table_writer]") {
    std::ostringstream out;
    const std::vector<std::string> languages{"en", "fr", "es"};
    auto writer = make_row_writer(Format::table, out,
                                  {{"note", ColumnType::text},
                                   {"languages", ColumnType::list},
                                   {"here", ColumnType::boolean},
                                   {"capacity", ColumnType::integer}});
    writer->row({"line 1\r\nline 2\nend", languages, true, nullptr});
    writer->row({"tab\there \x1b[31mred", nullptr, false, 250});
    writer->finish();
    CHECK(out.str() ==
          "note               languages   here  capacity\n"
          "-----------------  ----------  ----  --------\n"
          "line 1⏎line 2⏎end  en; fr; es  yes\n"
          "tab here ␛[31mred              no         250\n");
}

TEST_CASE("table with no rows still shows its header", "[table_writer]") {
    std::ostringstream out;
    auto writer = make_row_writer(Format::table, out, people_columns());
    writer->finish();
    CHECK(out.str() == "id  name  city\n--  ----  ----\n");
}

TEST_CASE("tsv escapes tab, newline, carriage return and backslash", "[table_writer]") {
    std::ostringstream out;
    auto writer =
        make_row_writer(Format::tsv, out, {{"a", ColumnType::text}, {"b", ColumnType::text}});
    writer->row({"x\ty", "one\r\ntwo\\three"});
    writer->row({"", nullptr});
    writer->finish();
    CHECK(out.str() == "a\tb\nx\\ty\tone\\r\\ntwo\\\\three\n\t\n");
}

TEST_CASE("tsv renders types as text and honours no_header", "[table_writer]") {
    std::ostringstream out;
    const std::vector<std::string> organisers{"ACME", "Globex"};
    const nlohmann::json nested = {{"diet", "vegan"}};
    auto writer = make_row_writer(Format::tsv, out,
                                  {{"id", ColumnType::integer},
                                   {"organisers", ColumnType::list},
                                   {"paid", ColumnType::boolean},
                                   {"fields", ColumnType::json}},
                                  rows_only());
    writer->row({-7, organisers, false, nested});
    writer->finish();
    CHECK(out.str() == "-7\tACME; Globex\tfalse\t{\"diet\":\"vegan\"}\n");
}

TEST_CASE("tsv streams each row before row() returns", "[table_writer]") {
    std::ostringstream out;
    auto writer = make_row_writer(Format::tsv, out, people_columns());
    writer->row({1, "a", "b"});
    CHECK(out.str() == "id\tname\tcity\n1\ta\tb\n");
}

TEST_CASE("csv quotes commas, quotes, line breaks and outer spaces, with CRLF", "[table_writer]") {
    std::ostringstream out;
    auto writer =
        make_row_writer(Format::csv, out, {{"name", ColumnType::text}, {"note", ColumnType::text}});
    writer->row({"Doe, Jane", "say \"hi\""});
    writer->row({"two\nlines", " padded"});
    writer->row({"plain", "cr\rhere"});
    writer->finish();
    CHECK(out.str() ==
          "name,note\r\n"
          "\"Doe, Jane\",\"say \"\"hi\"\"\"\r\n"
          "\"two\nlines\",\" padded\"\r\n"
          "plain,\"cr\rhere\"\r\n");
}

TEST_CASE("csv finds a character to quote at any place in a long field", "[table_writer]") {
    // The check reads eight bytes at a time, then the rest one by one: every place in both.
    for (const char special : {',', '"', '\n', '\r'}) {
        for (std::size_t at = 0; at < 19; ++at) {
            std::string value = "Zoé Dupré, Genève";  // the comma is replaced below
            value[value.find(',')] = 'x';
            value.insert(at, 1, special);
            std::ostringstream out;
            auto writer = make_row_writer(Format::csv, out, {{"v", ColumnType::text}}, rows_only());
            writer->row({value});
            writer->finish();
            INFO("character " << int(special) << " at " << at);
            CHECK(out.str().front() == '"');
        }
    }
    // Bytes of accented letters are not separators or quotes.
    std::ostringstream out;
    auto writer = make_row_writer(Format::csv, out, {{"v", ColumnType::text}}, rows_only());
    writer->row({"Zoé Dupré Øverås Ñúñez Łukasz"});
    writer->finish();
    CHECK(out.str() == "Zoé Dupré Øverås Ñúñez Łukasz\r\n");
}

TEST_CASE("csv keeps a lone empty field as a record and honours no_header", "[table_writer]") {
    std::ostringstream out;
    auto writer = make_row_writer(Format::csv, out, {{"email", ColumnType::text}}, rows_only());
    writer->row({""});
    writer->row({"a@example.org"});
    writer->finish();
    CHECK(out.str() == "\"\"\r\na@example.org\r\n");
}

TEST_CASE("json is one array of typed objects, in column order", "[table_writer]") {
    std::ostringstream out;
    const std::vector<std::string> languages{"en", "fr"};
    const nlohmann::json fields = {{"diet", "vegan"}, {"seats", 2}};
    auto writer = make_row_writer(Format::json, out,
                                  {{"id", ColumnType::integer},
                                   {"name", ColumnType::text},
                                   {"languages", ColumnType::list},
                                   {"checked_in", ColumnType::boolean},
                                   {"capacity", ColumnType::integer},
                                   {"fields", ColumnType::json}});
    writer->row({1, "Zoë", languages, true, nullptr, fields});
    writer->row({2, "Bob", std::vector<std::string>{}, false, 40, nullptr});
    writer->finish();

    const auto parsed = nlohmann::json::parse(out.str());
    const auto expected = nlohmann::json::parse(R"([
        {"id": 1, "name": "Zoë", "languages": ["en", "fr"], "checked_in": true,
         "capacity": null, "fields": {"diet": "vegan", "seats": 2}},
        {"id": 2, "name": "Bob", "languages": [], "checked_in": false,
         "capacity": 40, "fields": null}
    ])");
    CHECK(parsed == expected);
    CHECK(out.str() ==
          "[\n"
          R"(  {"id":1,"name":"Zoë","languages":["en","fr"],"checked_in":true,"capacity":null,)"
          R"("fields":{"diet":"vegan","seats":2}},)"
          "\n"
          R"(  {"id":2,"name":"Bob","languages":[],"checked_in":false,"capacity":40,"fields":null})"
          "\n]\n");
}

TEST_CASE("json with no rows is an empty array", "[table_writer]") {
    std::ostringstream out;
    make_row_writer(Format::json, out, people_columns())->finish();
    CHECK(out.str() == "[]\n");
}

TEST_CASE("json replaces invalid UTF-8 instead of failing", "[table_writer]") {
    std::ostringstream out;
    auto writer = make_row_writer(Format::jsonl, out, {{"name", ColumnType::text}});
    writer->row({"caf\xE9"});
    writer->finish();
    CHECK(out.str() == "{\"name\":\"caf\uFFFD\"}\n");
    CHECK(nlohmann::json::parse(out.str())["name"] == "caf\uFFFD");
}

TEST_CASE("jsonl writes one compact object per line", "[table_writer]") {
    const std::string text = write_people(Format::jsonl);
    CHECK(text ==
          "{\"id\":1,\"name\":\"Zoë\",\"city\":\"Paris\"}\n"
          "{\"id\":12,\"name\":\"李小龍\",\"city\":\"東京\"}\n"
          "{\"id\":3,\"name\":\"e\u0301te\",\"city\":\"x\"}\n");
}

TEST_CASE("a row that does not match the columns is a bug", "[table_writer]") {
    std::ostringstream out;
    auto writer = make_row_writer(Format::tsv, out, people_columns());
    CHECK_THROWS_AS(writer->row({1, "too few"}), std::logic_error);
    CHECK_THROWS_AS(writer->row({"not a number", "a", "b"}), std::logic_error);
    CHECK_THROWS_AS(make_row_writer(Format::csv, out, {{"a"}, {"a"}}), std::logic_error);
}

TEST_CASE("csv and tsv neutralise cells a spreadsheet would run as formulas", "[table_writer]") {
    const std::vector<std::string> cells{"=1+1", "+33", "-x",  "@SUM(A1)", "\tx",
                                         "'=y",  "'a",  "a=b", ""};
    for (const auto format : {Format::csv, Format::tsv}) {
        std::ostringstream out;
        auto writer = make_row_writer(format, out, {{"v", ColumnType::text}}, rows_only());
        for (const auto& cell : cells) writer->row({cell});
        writer->finish();
        const std::string separator = format == Format::csv ? "\r\n" : "\n";
        std::string expected;
        for (const auto* line :
             {"'=1+1", "'+33", "'-x", "'@SUM(A1)", format == Format::csv ? "'\tx" : "'\\tx", "''=y",
              "'a", "a=b", format == Format::csv ? "\"\"" : ""}) {
            expected += std::string(line) + separator;
        }
        CHECK(out.str() == expected);
    }
    std::ostringstream raw;
    auto writer = convene::output::make_row_writer(Format::csv, raw, {{"v", ColumnType::text}},
                                                   rows_only(), {.raw = true});
    writer->row({"=1+1"});
    writer->finish();
    CHECK(raw.str() == "=1+1\r\n");
}

TEST_CASE("csv for Excel: byte order mark and the delimiter given", "[table_writer]") {
    std::ostringstream out;
    auto writer = convene::output::make_row_writer(
        Format::csv, out, {{"name", ColumnType::text}, {"org", ColumnType::text}}, {},
        {.delimiter = ';', .byte_order_mark = true});
    writer->row({"Ana", "A; B, C"});
    writer->finish();
    CHECK(out.str() == "\xEF\xBB\xBFname;org\r\nAna;\"A; B, C\"\r\n");
}

namespace {

// Strings with every byte that matters to a writer: quotes, separators, line breaks, control
// characters, backslashes, formula starts, well-formed UTF-8 of each length and broken UTF-8
// (overlong forms, surrogates, truncated and stray continuation bytes).
std::vector<std::string> awkward_strings() {
    const std::vector<std::string> pieces = {"a",
                                             "Zoé",
                                             " ",
                                             "\t",
                                             "\n",
                                             "\r",
                                             "\"",
                                             "\\",
                                             ",",
                                             ";",
                                             "=",
                                             "'",
                                             "-",
                                             "\x01",
                                             "\x1F",
                                             "\x7F",
                                             "\b",
                                             "\f",
                                             "€",
                                             "𝄞",
                                             "李",
                                             "\xC3",
                                             "\xC0\xAF",
                                             "\xED\xA0\x80",
                                             "\xF4\x90\x80\x80",
                                             "\x80",
                                             "\xE2\x82",
                                             "\xF0\x9D\x84",
                                             "\xFF",
                                             "e\u0301"};
    std::vector<std::string> strings = {""};
    std::uint32_t seed = 12345;
    const auto next = [&] { return seed = seed * 1103515245u + 12345u; };
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        const auto length = next() % 6;
        for (std::uint32_t j = 0; j < length; ++j) text += pieces[(next() >> 8) % pieces.size()];
        strings.push_back(std::move(text));
    }
    return strings;
}

}  // namespace

TEST_CASE("json writes each value as nlohmann::json dumps it, broken UTF-8 included",
          "[table_writer]") {
    for (const auto& text : awkward_strings()) {
        std::ostringstream out;
        auto writer = make_row_writer(Format::jsonl, out,
                                      {{"name", ColumnType::text}, {text, ColumnType::text}});
        writer->row({text, 7 > text.size() ? Cell() : Cell(text)});
        writer->finish();
        nlohmann::ordered_json object;
        object["name"] = text;
        object[text] = 7 > text.size() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
        INFO(nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
        CHECK(out.str() ==
              object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    }
}

TEST_CASE("csv and tsv escape awkward text as the rules say", "[table_writer]") {
    const auto csv_field = [](const std::string& text) {
        const bool blank_end = !text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                                                 text.back() == ' ' || text.back() == '\t');
        if (text.find_first_of("\",\r\n") == std::string::npos && !blank_end) return text;
        std::string quoted = "\"";
        for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    };
    const auto tsv_field = [](const std::string& text) {
        std::string escaped;
        for (const char c : text) {
            escaped += c == '\t'   ? "\\t"
                       : c == '\n' ? "\\n"
                       : c == '\r' ? "\\r"
                       : c == '\\' ? "\\\\"
                                   : std::string(1, c);
        }
        return escaped;
    };
    for (const auto& text : awkward_strings()) {
        for (const bool raw : {false, true}) {
            std::string value = text;
            if (!raw) neutralise_formula(value);
            std::ostringstream csv;
            std::ostringstream tsv;
            for (auto [format, out] :
                 {std::pair{Format::csv, &csv}, std::pair{Format::tsv, &tsv}}) {
                auto writer = convene::output::make_row_writer(
                    format, *out, {{"a", ColumnType::text}, {"b", ColumnType::integer}},
                    rows_only(), {.raw = raw});
                writer->row({text, -3});
                writer->finish();
            }
            INFO(
                nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
            CHECK(csv.str() == csv_field(value) + ",-3\r\n");
            CHECK(tsv.str() == tsv_field(value) + "\t-3\n");
        }
    }
}
