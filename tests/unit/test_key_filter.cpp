#include <cstddef>
#include <string>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "store/key_filter.hpp"

using convene::store::KeyFilter;

TEST_CASE("a key filter never refuses a key it was given", "[key_filter]") {
    KeyFilter filter;
    CHECK_FALSE(filter.may_contain("person.0@example.org"));
    CHECK_FALSE(filter.may_contain(""));
    constexpr int keys = 100'000;
    for (int i = 0; i < keys; ++i) filter.add(fmt::format("person.{}@example.org", i));
    filter.add("");
    int refused = 0;
    for (int i = 0; i < keys; ++i) {
        if (!filter.may_contain(fmt::format("person.{}@example.org", i))) ++refused;
    }
    CHECK(refused == 0);
    CHECK(filter.may_contain(""));
}

TEST_CASE("a key filter refuses almost every key it was not given", "[key_filter]") {
    // About one in 15,000 answers "maybe" after 100,000 keys; a filter whose probes
    // collapsed onto a few bits would answer it far more often.
    KeyFilter filter;
    constexpr int keys = 100'000;
    for (int i = 0; i < keys; ++i) filter.add(fmt::format("person.{}@example.org", i));
    int maybe = 0;
    for (int i = 0; i < keys; ++i) {
        if (filter.may_contain(fmt::format("other.{}@example.org", i))) ++maybe;
    }
    CHECK(maybe < keys / 1000);
}
