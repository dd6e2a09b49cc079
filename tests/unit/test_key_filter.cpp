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

TEST_CASE("a larger key filter keeps a million keys with few maybes", "[key_filter]") {
    // PostgreSQL's bulk writer: a "maybe" is a round trip there, so 2^25 bits (4 MiB), about
    // one in 6,000 after a million keys; 2^22 would say "maybe" to one in seven.
    KeyFilter filter(25);
    constexpr int keys = 1'000'000;
    for (int i = 0; i < keys; ++i) filter.add(fmt::format("person.{}@example.org", i));
    int refused = 0;
    for (int i = 0; i < keys; i += 97) {
        if (!filter.may_contain(fmt::format("person.{}@example.org", i))) ++refused;
    }
    CHECK(refused == 0);
    int maybe = 0;
    constexpr int others = 100'000;
    for (int i = 0; i < others; ++i) {
        if (filter.may_contain(fmt::format("other.{}@example.org", i))) ++maybe;
    }
    CHECK(maybe < others / 1000);
}
