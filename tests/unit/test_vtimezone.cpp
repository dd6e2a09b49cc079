#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>

#include "convene/export/vtimezone.hpp"
#include "testing.hpp"

namespace {

using convene::domain::Instant;
using namespace std::chrono_literals;
using convene::testing::utc;

std::string vtimezone(const char* zone_name, Instant first, Instant last) {
    return convene::testing::written([&](convene::ics::Writer& writer) {
        convene::ics::write_vtimezone(writer, *date::locate_zone(zone_name), first, last);
    });
}

}  // namespace

TEST_CASE("Europe/Paris 2025: CET and CEST with the transitions of the year", "[ics][vtimezone]") {
    // An event in June still gets both observances: the range widens to the whole year.
    const std::string expected =
        "BEGIN:VTIMEZONE\r\n"
        "TZID:Europe/Paris\r\n"
        "BEGIN:STANDARD\r\n"
        "DTSTART:20241027T030000\r\n"
        "TZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\n"
        "TZNAME:CET\r\n"
        "END:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\n"
        "DTSTART:20250330T020000\r\n"
        "TZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\n"
        "TZNAME:CEST\r\n"
        "END:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\n"
        "DTSTART:20251026T030000\r\n"
        "TZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\n"
        "TZNAME:CET\r\n"
        "END:STANDARD\r\n"
        "END:VTIMEZONE\r\n";
    CHECK(vtimezone("Europe/Paris", utc(date::year{2025} / 6 / 1, 13h),
                    utc(date::year{2025} / 6 / 1, 14h)) == expected);
    CHECK(vtimezone("Europe/Paris", utc(date::year{2025} / 3 / 30),
                    utc(date::year{2025} / 10 / 26, 9h)) == expected);
}

TEST_CASE("observances list every transition across years", "[ics][vtimezone]") {
    const auto list =
        convene::ics::observances(*date::locate_zone("Europe/Paris"),
                                  utc(date::year{2024} / 12 / 1), utc(date::year{2025} / 1 / 10));
    REQUIRE(list.size() == 5);  // from Oct 2023, then Mar+Oct 2024 and Mar+Oct 2025
    CHECK(list[0].start == utc(date::year{2023} / 10 / 29, 1h));
    CHECK(list[1].daylight);
    CHECK(list[1].start == utc(date::year{2024} / 3 / 31, 1h));
    CHECK(list[1].offset_from == 1h);
    CHECK(list[1].offset_to == 2h);
    CHECK(list[1].name == "CEST");
    CHECK_FALSE(list[4].daylight);
    CHECK(list[4].name == "CET");
    CHECK_THROWS_AS(convene::ics::observances(*date::locate_zone("Europe/Paris"),
                                              utc(date::year{2025} / 2 / 1),
                                              utc(date::year{2025} / 1 / 1)),
                    std::invalid_argument);
}

TEST_CASE("UTC has one STANDARD observance", "[ics][vtimezone]") {
    CHECK(vtimezone("UTC", utc(date::year{2025} / 4 / 13), utc(date::year{2025} / 4 / 14)) ==
          "BEGIN:VTIMEZONE\r\n"
          "TZID:UTC\r\n"
          "BEGIN:STANDARD\r\n"
          "DTSTART:19700101T000000\r\n"
          "TZOFFSETFROM:+0000\r\n"
          "TZOFFSETTO:+0000\r\n"
          "TZNAME:UTC\r\n"
          "END:STANDARD\r\n"
          "END:VTIMEZONE\r\n");
}

TEST_CASE("Asia/Tokyo has one STANDARD observance since 1951", "[ics][vtimezone]") {
    CHECK(vtimezone("Asia/Tokyo", utc(date::year{2025} / 4 / 13), utc(date::year{2026} / 4 / 14)) ==
          "BEGIN:VTIMEZONE\r\n"
          "TZID:Asia/Tokyo\r\n"
          "BEGIN:STANDARD\r\n"
          "DTSTART:19510909T010000\r\n"
          "TZOFFSETFROM:+1000\r\n"
          "TZOFFSETTO:+0900\r\n"
          "TZNAME:JST\r\n"
          "END:STANDARD\r\n"
          "END:VTIMEZONE\r\n");
}

TEST_CASE("Pacific/Auckland: daylight time in the southern summer", "[ics][vtimezone]") {
    CHECK(vtimezone("Pacific/Auckland", utc(date::year{2025} / 4 / 5, 12h),
                    utc(date::year{2025} / 9 / 27, 21h)) ==
          "BEGIN:VTIMEZONE\r\n"
          "TZID:Pacific/Auckland\r\n"
          "BEGIN:DAYLIGHT\r\n"
          "DTSTART:20240929T020000\r\n"
          "TZOFFSETFROM:+1200\r\n"
          "TZOFFSETTO:+1300\r\n"
          "TZNAME:NZDT\r\n"
          "END:DAYLIGHT\r\n"
          "BEGIN:STANDARD\r\n"
          "DTSTART:20250406T030000\r\n"
          "TZOFFSETFROM:+1300\r\n"
          "TZOFFSETTO:+1200\r\n"
          "TZNAME:NZST\r\n"
          "END:STANDARD\r\n"
          "BEGIN:DAYLIGHT\r\n"
          "DTSTART:20250928T020000\r\n"
          "TZOFFSETFROM:+1200\r\n"
          "TZOFFSETTO:+1300\r\n"
          "TZNAME:NZDT\r\n"
          "END:DAYLIGHT\r\n"
          "END:VTIMEZONE\r\n");
}
