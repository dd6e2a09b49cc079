#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "convene/text/hash.hpp"

using convene::text::fnv1a_64;
using convene::text::short_hash;

TEST_CASE("short_hash is the leading hex digits of FNV-1a", "[hash]") {
    CHECK(fnv1a_64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);  // the published FNV-1a test vector
    for (const std::string_view data : {"", "a", "person.0@example.org", "Zoé"}) {
        const auto hex = fmt::format("{:016x}", fnv1a_64(data));
        CHECK(short_hash(data, 8) == hex.substr(0, 8));
        CHECK(short_hash(data, 16) == hex);
        CHECK(short_hash(data, 40) == hex);
        CHECK(short_hash(data, 0).empty());
    }
}
