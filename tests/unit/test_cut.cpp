#include <catch2/catch.hpp>

#include "convene/text/cut.hpp"
#include "convene/text/utf8.hpp"

using convene::text::cut_to_width;
using convene::text::display_width;

TEST_CASE("cut_to_width keeps text that fits", "[cut]") {
    CHECK(cut_to_width("Paris", 5) == "Paris");
    CHECK(cut_to_width("Paris", 9) == "Paris");
    CHECK(cut_to_width("", 0) == "");
}

TEST_CASE("cut_to_width ends a cut with an ellipsis, by display width", "[cut]") {
    CHECK(cut_to_width("Migrations et déplacements", 12) == "Migrations …");
    CHECK(cut_to_width("Zoë Müller", 4) == "Zoë…");
    // Wide characters are never split: one that would not fit leaves a column free.
    CHECK(cut_to_width("李小龍先生", 6) == "李小…");
    CHECK(display_width(cut_to_width("李小龍先生", 6)) == 5);
    CHECK(cut_to_width("abc", 1) == "…");
    CHECK(cut_to_width("abc", 0) == "");
}

TEST_CASE("cut_to_width keeps combining marks with their letter", "[cut]") {
    CHECK(cut_to_width("e\u0301te\u0301 long", 3) == "e\u0301t…");
    CHECK(cut_to_width("abe\u0301cd", 4) == "abe\u0301…");
}
