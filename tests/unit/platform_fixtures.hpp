#pragma once
// The platform exports of tests/fixtures/platforms (its README.md says what each holds): their
// text without the "# " comment lines, their header as convene reads it, and their bytes as the
// platform writes them, after the "# encoding:" and "# newline:" directives. Tests only; the
// end-to-end tests have the same in tests/cli/platform_fixtures.py.
#include <iconv.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "convene/io/csv_reader.hpp"

namespace convene::testing {

struct PlatformFixture {
    std::string text;               // UTF-8, LF, without the comment lines
    std::string encoding{"utf-8"};  // utf-8, utf-8-bom, windows-1252, utf-16le-bom
    bool crlf{false};
};

inline PlatformFixture platform_fixture(std::string_view name) {
    const std::string path =
        std::string(CONVENE_TEST_DATA_DIR) + "/fixtures/platforms/" + std::string(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("no fixture " + path);
    PlatformFixture fixture;
    std::string line;
    while (in.peek() == '#' && std::getline(in, line)) {
        if (line.starts_with("# encoding: ")) fixture.encoding = line.substr(12);
        if (line == "# newline: crlf") fixture.crlf = true;
    }
    std::ostringstream rest;
    rest << in.rdbuf();
    fixture.text = rest.str();
    return fixture;
}

// The header as io::CsvReader reads it (repeated names kept apart).
inline std::vector<std::string> platform_header(std::string_view name) {
    std::istringstream in(platform_fixture(name).text);
    return io::CsvReader(in, name).header();
}

// `utf8` in the encoding iconv calls `to`.
inline std::string encode(const std::string& utf8, const char* to) {
    iconv_t handle = iconv_open(to, "UTF-8");
    std::string out(utf8.size() * 4 + 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* at = out.data();
    std::size_t out_left = out.size();
    const auto result = iconv(handle, &in, &in_left, &at, &out_left);
    iconv_close(handle);
    if (result == static_cast<std::size_t>(-1)) throw std::runtime_error("cannot encode");
    out.resize(out.size() - out_left);
    return out;
}

inline std::string platform_bytes(std::string_view name) {
    const auto fixture = platform_fixture(name);
    std::string text;
    for (const char c : fixture.text) {
        if (c == '\n' && fixture.crlf) text += '\r';
        text += c;
    }
    if (fixture.encoding == "utf-8-bom") return "\xEF\xBB\xBF" + text;
    if (fixture.encoding == "windows-1252") return encode(text, "WINDOWS-1252");
    if (fixture.encoding == "utf-16le-bom") return "\xFF\xFE" + encode(text, "UTF-16LE");
    return text;
}

}  // namespace convene::testing
