#include <catch2/catch.hpp>

#include "convene/io/repeated_columns.hpp"

using convene::io::name_repeated_columns;
using Names = std::vector<std::string>;

TEST_CASE("a repeated column name gets the next number", "[repeated_columns]") {
    CHECK(name_repeated_columns({"Company", "Address", "Company", "Address", "Company"}) ==
          Names{"Company", "Address", "Company (2)", "Address (2)", "Company (3)"});
    CHECK(name_repeated_columns({"a", "b"}) == Names{"a", "b"});
}

TEST_CASE("a number the header uses already is skipped", "[repeated_columns]") {
    CHECK(name_repeated_columns({"City", "City (2)", "City"}) ==
          Names{"City", "City (2)", "City (3)"});
}

TEST_CASE("empty names stay empty, and names differing in case are not repeats",
          "[repeated_columns]") {
    CHECK(name_repeated_columns({"", "x", "", "X"}) == Names{"", "x", "", "X"});
}
