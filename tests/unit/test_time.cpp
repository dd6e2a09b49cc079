#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "testing.hpp"

using namespace convene;
using namespace convene::domain;

namespace {

std::string utc(std::string_view text, std::string_view zone) {
    return format_utc(*parse_instant(text, known_zone(zone)));
}

}  // namespace

TEST_CASE("wall times are read in the given zone", "[time]") {
    CHECK(utc("2022-04-13T15:00", "Europe/Paris") == "2022-04-13T13:00:00Z");
    CHECK(utc("2022-04-13 15:00", "Europe/Paris") == "2022-04-13T13:00:00Z");
    CHECK(utc("2022-04-13 15:00:30", "Europe/Paris") == "2022-04-13T13:00:30Z");
    CHECK(utc("2022-01-13T15:00", "Europe/Paris") == "2022-01-13T14:00:00Z");
    CHECK(utc("2022-04-13T15:00", "UTC") == "2022-04-13T15:00:00Z");
}

TEST_CASE("an explicit offset wins over the zone", "[time]") {
    CHECK(utc("2022-04-13T15:00+02:00", "Asia/Tokyo") == "2022-04-13T13:00:00Z");
    CHECK(utc("2022-04-13T15:00+0200", "UTC") == "2022-04-13T13:00:00Z");
    CHECK(utc("2022-04-13T15:00Z", "Europe/Paris") == "2022-04-13T15:00:00Z");
    CHECK(utc("2022-04-13T15:00-05:30", "UTC") == "2022-04-13T20:30:00Z");
}

TEST_CASE("a wall time in the spring-forward gap is refused with a hint", "[time]") {
    const auto gap = parse_instant("2025-03-30T02:30", known_zone("Europe/Paris"));
    REQUIRE_FALSE(gap.ok());
    CHECK(gap.problem().message.find("does not exist") != std::string::npos);
    CHECK(gap.problem().message.find("DST gap") != std::string::npos);
    CHECK(gap.problem().hint.find("offset") != std::string::npos);
    // Just outside the gap is fine.
    CHECK(utc("2025-03-30T01:59", "Europe/Paris") == "2025-03-30T00:59:00Z");
    CHECK(utc("2025-03-30T03:00", "Europe/Paris") == "2025-03-30T01:00:00Z");
}

TEST_CASE("a wall time in the autumn fold is ambiguous and an offset resolves it", "[time]") {
    const auto fold = parse_instant("2025-10-26T02:30", known_zone("Europe/Paris"));
    REQUIRE_FALSE(fold.ok());
    CHECK(fold.problem().message.find("twice") != std::string::npos);
    CHECK(fold.problem().hint ==
          "give an explicit offset: 2025-10-26T02:30+02:00 or 2025-10-26T02:30+01:00");
    CHECK(utc("2025-10-26T02:30+02:00", "Europe/Paris") == "2025-10-26T00:30:00Z");
    CHECK(utc("2025-10-26T02:30+01:00", "Europe/Paris") == "2025-10-26T01:30:00Z");
}

TEST_CASE("malformed date-times and zones are problems", "[time]") {
    const auto& paris = known_zone("Europe/Paris");
    for (auto bad : {"2022-04-13", "2022-13-01T10:00", "2022-02-30T10:00", "2022-04-13T25:00",
                     "13/04/2022 15:00", "2022-04-13T15:00+25:00", "2022-04-13T15:00 CEST", ""}) {
        INFO(bad);
        CHECK_FALSE(parse_instant(bad, paris).ok());
    }
    CHECK_FALSE(find_zone("Europe/Atlantis").ok());
    CHECK(find_zone("Europe/Atlantis").problem().message == "unknown time zone 'Europe/Atlantis'");
    CHECK_FALSE(find_zone("CEST").ok());
}

TEST_CASE("a date written by hand gets itself rewritten as the hint", "[time]") {
    const auto& paris = known_zone("Europe/Paris");
    const auto hint = [&](std::string_view text) {
        return parse_instant(text, paris).problem().hint;
    };
    CHECK(hint("13/04/2022 15:00") == "write it as 2022-04-13 15:00");
    CHECK(hint("13.4.2022 9:05") == "write it as 2022-04-13 09:05");
    CHECK(hint("4-13-2022T15:00:30") == "write it as 2022-04-13 15:00:30");
    CHECK(hint("04/05/2022 15:00") ==
          "write it as 2022-05-04 15:00 (day first) or 2022-04-05 15:00 (month first)");
    CHECK(hint("05/05/2022 15:00") == "write it as 2022-05-05 15:00");
    // Not a date written by hand: the usual example.
    for (auto other : {"13/04/22 15:00", "32/04/2022 15:00", "13/04/2022 25:00", "13/04-2022",
                       "13/04/2022 3pm", "soon"}) {
        INFO(other);
        CHECK(hint(other) == "use 2022-04-13T15:00, 2022-04-13 15:00 or 2022-04-13T15:00+02:00");
    }
    CHECK(parse_date("13/04/2022").problem().hint == "write it as 2022-04-13");
    CHECK(parse_date("13/04/2022 15:00").problem().hint == "use YYYY-MM-DD");
}

TEST_CASE("a bare end time is on the start's local day", "[time]") {
    const auto& paris = known_zone("Europe/Paris");
    const auto start = *parse_instant("2022-04-13T15:00", paris);
    CHECK(format_utc(*parse_end("16:00", start, paris)) == "2022-04-13T14:00:00Z");
    CHECK(format_utc(*parse_end("2022-04-14T09:00", start, paris)) == "2022-04-14T07:00:00Z");
    // The local day, not the UTC day: 00:30 in Auckland is the previous UTC day.
    const auto& auckland = known_zone("Pacific/Auckland");
    const auto early = *parse_instant("2025-02-01T00:30", auckland);
    CHECK(format_utc(early) == "2025-01-31T11:30:00Z");
    CHECK(format_utc(*parse_end("02:00", early, auckland)) == "2025-01-31T13:00:00Z");
}

TEST_CASE("durations", "[time]") {
    using namespace std::chrono;
    CHECK(*parse_duration("1h30m") == minutes{90});
    CHECK(*parse_duration("90m") == minutes{90});
    CHECK(*parse_duration("2h") == hours{2});
    CHECK(*parse_duration("45s") == seconds{45});
    CHECK(*parse_duration("1d") == hours{24});
    for (auto bad : {"", "h", "10", "1x", "-1h", "0m", "1h30"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad).ok());
    }
}

TEST_CASE("times are seen in the zone with its abbreviation", "[time]") {
    using namespace std::chrono;
    const auto& paris = known_zone("Europe/Paris");
    const auto start = *parse_instant("2022-04-13T15:00", paris);
    CHECK(format_iso_local(start, paris) == "2022-04-13T15:00:00+02:00");
    const auto in_new_york = to_local(start, known_zone("America/New_York"));
    CHECK(format_date(in_new_york.day) == "2022-04-13");
    CHECK(in_new_york.time_of_day == hours{9});
    CHECK(in_new_york.abbrev == "EDT");
    CHECK(in_new_york.offset == -hours{4});
}

TEST_CASE("an event crossing midnight in Auckland shows both dates", "[time]") {
    const auto& auckland = known_zone("Pacific/Auckland");
    const auto start = *parse_instant("2025-01-31T22:00", auckland);
    const auto end = *parse_end("2025-02-01T01:30", start, auckland);
    CHECK(format_utc(start) == "2025-01-31T09:00:00Z");
    CHECK(format_utc(end) == "2025-01-31T12:30:00Z");
    CHECK(format_date(to_local(start, auckland).day) == "2025-01-31");
    CHECK(format_date(to_local(end, auckland).day) == "2025-02-01");
    CHECK(to_local(end, auckland).abbrev == "NZDT");
}

TEST_CASE("a range across the DST change shows both abbreviations", "[time]") {
    const auto& paris = known_zone("Europe/Paris");
    const auto start = *parse_instant("2025-03-30T01:30", paris);
    const auto end = *parse_instant("2025-03-30T03:30", paris);
    CHECK(end - start == std::chrono::hours{1});
    CHECK(to_local(start, paris).abbrev == "CET");
    CHECK(to_local(end, paris).abbrev == "CEST");
}

TEST_CASE("dates", "[time]") {
    CHECK(format_date(*parse_date("2022-04-11")) == "2022-04-11");
    CHECK(format_date_range(*parse_date("2022-04-11"), *parse_date("2022-04-13")) ==
          "2022-04-11 – 2022-04-13");
    CHECK(format_date_range(*parse_date("2022-04-11"), *parse_date("2022-04-11")) == "2022-04-11");
    CHECK_FALSE(parse_date("2022-04-31").ok());
    CHECK_FALSE(parse_date("2022-4-1").ok());
}

TEST_CASE("format_utc writes what date::format writes, around the edges", "[time]") {
    for (const std::int64_t seconds :
         {0LL, -1LL, 59LL, 951'782'400LL /* 2000-02-29 */, 1'709'210'096LL, 253'402'300'799LL,
          253'402'300'800LL /* year 10000 */, -62'167'219'200LL /* year 0 */, -62'167'219'201LL}) {
        const Instant instant{std::chrono::seconds{seconds}};
        INFO(seconds);
        CHECK(format_utc(instant) == date::format("%FT%TZ", instant));
    }
    CHECK(format_utc(Instant{std::chrono::seconds{0}}) == "1970-01-01T00:00:00Z");
    CHECK(format_utc(Instant{std::chrono::seconds{951'825'599}}) == "2000-02-29T11:59:59Z");
}

TEST_CASE("the system zone is named without loading the zone database", "[time]") {
    // Whatever the machine's setting, the name is one the database knows.
    const auto name = system_zone_name();
    CHECK_FALSE(name.empty());
    CHECK_NOTHROW(find_zone(name));
}

TEST_CASE("a time in a meeting is said in whole minutes, to the nearest", "[time]") {
    using namespace std::chrono_literals;
    CHECK(convene::domain::rounded_minutes(0s) == 0);
    CHECK(convene::domain::rounded_minutes(29s) == 0);
    CHECK(convene::domain::rounded_minutes(2min + 30s) == 3);
    CHECK(convene::domain::rounded_minutes(34min + 48s) == 35);
    CHECK(convene::domain::rounded_minutes(55min + 56s) == 56);
}
