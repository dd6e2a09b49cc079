#include <catch2/catch.hpp>

#include "convene/text/wrap.hpp"

using namespace convene;

TEST_CASE("paragraphs wrap at spaces to the display width", "[wrap]") {
    CHECK(text::wrap("un deux trois quatre", 9) == "un deux\ntrois\nquatre");
    CHECK(text::wrap("été été été", 7) == "été été\nété");  // 3 columns each, not 5 bytes
    CHECK(text::wrap("a verylongword b", 4) == "a\nverylongword\nb");
    CHECK(text::wrap("x y", 0) == "x y");
    CHECK(text::wrap("Quand\u00A0: demain", 8) == "Quand\u00A0:\ndemain");
    // French spacing before high punctuation and inside guillemets is no break point.
    CHECK(text::wrap("les Réfugiés ?", 12) == "les\nRéfugiés ?");
    CHECK(text::wrap("dit « oui » ici", 9) == "dit\n« oui »\nici");
}

TEST_CASE("continuation lines line up under the first", "[wrap]") {
    CHECK(text::wrap("un deux trois", 8, "1. ", "   ") == "1. un\n   deux\n   trois");
    CHECK(text::wrap_lines("- un deux trois\n\nfin", 9) == "- un deux\n  trois\n\nfin");
    CHECK(text::wrap_lines("12. un deux", 7, "", "") == "12. un\n    deux");
}
