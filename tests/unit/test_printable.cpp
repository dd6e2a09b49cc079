#include <string>

#include <catch2/catch.hpp>

#include "convene/text/printable.hpp"

using convene::text::printable;

TEST_CASE("printable escapes control characters and keeps UTF-8 text", "[printable]") {
    CHECK(printable("plain") == "plain");
    CHECK(printable("Élodie Zoé — ok") == "Élodie Zoé — ok");
    CHECK(printable("a\nb\rc\td") == "a\\nb\\rc\\td");
    CHECK(printable("\x1b[2J") == "\\x1b[2J");
    CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(printable("a\x7f") == "a\\x7f");
    CHECK(printable("a\xc2\x9b"
                    "b") == "a\\xc2\\x9bb");       // C1 CSI
    CHECK(printable("\xff\xfe") == "\\xff\\xfe");  // not UTF-8
    CHECK(printable("\xe2\x82") == "\\xe2\\x82");  // cut sequence
}

TEST_CASE("printable cuts long text", "[printable]") {
    const auto cut = printable(std::string(1000, 'x'));
    CHECK(cut == std::string(200, 'x') + "…");
    CHECK(printable(std::string(200, 'x')) == std::string(200, 'x'));
    CHECK(printable("abcdef", 3) == "abc…");
}
