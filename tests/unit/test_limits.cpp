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

// text_problem reads printable ASCII eight bytes at a time: every byte that is not printable
// ASCII must be seen wherever it falls in a word, and whatever its neighbours.
TEST_CASE("text fields: each special byte is found at every position", "[limits]") {
    const std::string plain =
        "Ville de Gen"
        "\xc3\xa8"
        "ve, service des relations 1234567890";
    for (std::size_t at = 0; at <= plain.size(); ++at) {
        if (at == 13) continue;  // between the two bytes of the è
        INFO("at byte " << at);
        for (const char special : {'\0', '\x01', '\x1f', '\x7f', '\x1b'}) {
            const auto text = plain.substr(0, at) + special + plain.substr(at);
            const auto problem = text_problem("it", text, k_max_short_text);
            REQUIRE(problem);
            CHECK(problem->find("control character (byte " + std::to_string(at + 1)) !=
                  std::string::npos);
        }
        const auto space = plain.substr(0, at) + " ~" + plain.substr(at);
        CHECK_FALSE(text_problem("it", space, k_max_short_text));
        const auto line_break = plain.substr(0, at) + "\n" + plain.substr(at);
        CHECK(text_problem("it", line_break, k_max_short_text));
        CHECK_FALSE(text_problem("it", line_break, k_max_short_text, TextKind::multiline));
        const auto c1 = plain.substr(0, at) + "\xc2\x9b" + plain.substr(at);  // CSI
        CHECK(text_problem("it", c1, k_max_short_text));
        const auto broken = plain.substr(0, at) + "\xe2\x82" + plain.substr(at);
        CHECK(*text_problem("it", broken, k_max_short_text) == "it is not valid UTF-8");
    }
    // A control character is reported even after an invalid sequence.
    CHECK(text_problem("it", "\xff abcdefghij\x01", k_max_short_text)->find("control") !=
          std::string::npos);
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

TEST_CASE("text fields: U+FFFE and U+FFFF are refused, other characters kept", "[limits]") {
    CHECK(*text_problem("the title", "Forum \xEF\xBF\xBE", k_max_short_text) ==
          "the title contains U+FFFE, which is not a character (byte 7)");
    CHECK(*text_problem("the title", "\xEF\xBF\xBF", k_max_short_text) ==
          "the title contains U+FFFF, which is not a character (byte 1)");
    CHECK_FALSE(text_problem("the title", "\xEF\xBF\xBD \xEF\xBF\xBC", k_max_short_text));
}
