#pragma once
// Counts in messages for people: "1 row", "2 rows", "0 rows", never "row(s)". One rule, so
// every message agrees; irregular nouns pass their plural.
#include <cstddef>
#include <string>
#include <string_view>

namespace convene::text {

// "1 row", "3 rows": the noun gets an "s" unless `count` is 1.
std::string count_of(std::size_t count, std::string_view noun);
// "1 entry", "3 entries": for nouns whose plural is not noun + "s".
std::string count_of(std::size_t count, std::string_view singular, std::string_view plural);

}  // namespace convene::text
