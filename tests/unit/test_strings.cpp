#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "convene/text/strings.hpp"

using namespace convene;

TEST_CASE("trim drops blanks at both ends only", "[text]") {
    CHECK(text::trim("  a b\t\r\n") == "a b");
    CHECK(text::trim(" \t ").empty());
}

TEST_CASE("split_list keeps the non-empty items, trimmed", "[text]") {
    CHECK(text::split_list("en, fr,,es ") == std::vector<std::string>{"en", "fr", "es"});
}

TEST_CASE("lowercase_ascii changes A-Z only, byte for byte", "[text]") {
    CHECK(text::lowercase_ascii("Content-Type") == "content-type");
    CHECK(text::lowercase_ascii("ACCEPTED") == "accepted");
    CHECK(text::lowercase_ascii("ÉLODIE@Exemple.FR") == "Élodie@exemple.fr");
}
