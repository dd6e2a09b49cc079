#include <string>

#include <catch2/catch.hpp>

#include "convene/domain/limits.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"

using namespace convene::domain;

TEST_CASE("text fields: length, control characters, UTF-8", "[limits]") {
    CHECK_FALSE(text_problem("the title", "Séance", k_max_short_text));
    CHECK(*text_problem("the title", std::string(k_max_short_text + 1, 'x'), k_max_short_text) ==
          "the title is longer than 1 KiB");
    CHECK(text_problem("the name", std::string("a\0b", 3), k_max_short_text)->find("0x00") !=
          std::string::npos);
    CHECK(text_problem("the name", "a\tb", k_max_short_text));
    CHECK_FALSE(text_problem("the description", "a\tb\r\nc", k_max_long_text, TextKind::multiline));
    CHECK(text_problem("the description",
                       "a\x1b"
                       "b",
                       k_max_long_text, TextKind::multiline));
    CHECK(text_problem("the name",
                       "a\xc2\x85"
                       "b",
                       k_max_short_text));  // C1 NEL
    CHECK(*text_problem("the name", "\xff", k_max_short_text) == "the name is not valid UTF-8");
}

TEST_CASE("durations and years stay in their ranges", "[limits]") {
    using namespace std::chrono;
    CHECK(*parse_duration("366d") == days{366});
    CHECK_FALSE(parse_duration("367d").ok());
    CHECK_FALSE(parse_duration("366d1s").ok());
    CHECK_FALSE(parse_duration("9223372036854775807s").ok());
    CHECK_FALSE(parse_duration("99999999999999999999h").ok());
    CHECK_FALSE(parse_duration("-5m").ok());
    CHECK_FALSE(parse_date("1899-12-31").ok());
    CHECK(*parse_date("9999-12-31") == Date{date::year{9999} / 12 / 31});
    CHECK(within_years(Instant{seconds{0}}));
    CHECK_FALSE(within_years(Instant{seconds{INT64_MAX}}));
    CHECK_FALSE(within_years(Instant{seconds{INT64_MIN}}));
    CHECK_FALSE(within_years(Date{date::year{10000} / 1 / 1}));
}
