#include <catch2/catch.hpp>

#include "convene/text/plural.hpp"

using convene::text::count_of;

TEST_CASE("count_of: singular for exactly one, plural otherwise", "[plural]") {
    CHECK(count_of(0, "row") == "0 rows");
    CHECK(count_of(1, "row") == "1 row");
    CHECK(count_of(2, "row") == "2 rows");
    CHECK(count_of(1'000, "invitation") == "1000 invitations");
}

TEST_CASE("count_of: irregular plurals are given", "[plural]") {
    CHECK(count_of(1, "entry", "entries") == "1 entry");
    CHECK(count_of(5, "entry", "entries") == "5 entries");
}
