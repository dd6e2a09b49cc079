#include <sstream>

#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/platform_time.hpp"
#include "convene/io/platforms.hpp"
#include "platform_fixtures.hpp"

using convene::io::parse_platform_time;
using convene::io::time_example;

namespace {

const date::time_zone& paris() { return *date::locate_zone("Europe/Paris"); }

// The instant as UTC text, or the problem's message and hint.
std::string read(std::string_view text, std::vector<std::string_view> formats) {
    const auto instant = parse_platform_time(text, formats, paris());
    if (!instant) return instant.problem().message + " | " + instant.problem().hint;
    return convene::domain::format_utc(*instant);
}

}  // namespace

TEST_CASE("Google Forms' downloads carry their offset, 12-hour clock", "[platform_time]") {
    const std::vector<std::string_view> google{"%Y/%m/%d %I:%M:%S %p %z"};
    CHECK(read("2022/04/04 9:14:03 AM UTC+2", google) == "2022-04-04T07:14:03Z");
    CHECK(read("2022/04/04 9:14:03 PM UTC+2", google) == "2022-04-04T19:14:03Z");
    CHECK(read("2022/04/04 12:30:00 AM UTC+2", google) == "2022-04-03T22:30:00Z");
    CHECK(read("2022/04/02 12:05:40 PM UTC+2", google) == "2022-04-02T10:05:40Z");
    CHECK(read("2024/03/01 10:00:00 AM GMT+1", google) == "2024-03-01T09:00:00Z");
    CHECK(read("2024/03/01 10:00:00 am GMT", google) == "2024-03-01T10:00:00Z");
    CHECK(read("2024/03/01 10:00:00 AM GMT+5:30", google) == "2024-03-01T04:30:00Z");
    CHECK(read("2024/03/01 10:00:00 AM UTC-03:00", google) == "2024-03-01T13:00:00Z");
}

TEST_CASE("times without a zone are wall times in the zone given", "[platform_time]") {
    CHECK(read("04/04/2022 09:14:03", {"%d/%m/%Y %H:%M:%S"}) == "2022-04-04T07:14:03Z");
    CHECK(read("12/01/2022 09:14:03", {"%d/%m/%Y %H:%M:%S"}) == "2022-01-12T08:14:03Z");
    CHECK(read("4/1/22 10:02", {"%m/%d/%y %H:%M"}) == "2022-04-01T08:02:00Z");
    CHECK(read("2022-04-01 10:02:11", {"%Y-%m-%d %H:%M:%S"}) == "2022-04-01T08:02:11Z");
    CHECK(read("04/13/2022 02:51:10 PM", {"%m/%d/%Y %I:%M:%S %p"}) == "2022-04-13T12:51:10Z");
    CHECK(read("4/13/22, 2:55:03 PM", {"%m/%d/%y, %I:%M:%S %p"}) == "2022-04-13T12:55:03Z");
    CHECK(read("Apr 4, 2022 09:14 AM", {"%b %d, %Y %I:%M %p"}) == "2022-04-04T07:14:00Z");
    CHECK(read("May 4, 2022 09:14 AM", {"%b %d, %Y %I:%M %p"}) == "2022-05-04T07:14:00Z");
}

TEST_CASE("offsets and fractions of ISO-like times", "[platform_time]") {
    const std::vector<std::string_view> indico{"%Y-%m-%d %H:%M:%S%f%z"};
    CHECK(read("2022-04-01 08:02:11.512345+00:00", indico) == "2022-04-01T08:02:11Z");
    CHECK(read("2022-04-03 14:30:05+00:00", indico) == "2022-04-03T14:30:05Z");
    CHECK(read("2022-04-01T08:02:11.512Z", {"%Y-%m-%dT%H:%M:%S%f%z"}) == "2022-04-01T08:02:11Z");
    CHECK(read("2022-04-01 10:02:11 +0200", {"%Y-%m-%d %H:%M:%S %z"}) == "2022-04-01T08:02:11Z");
}

TEST_CASE("the first format that fits is the one", "[platform_time]") {
    const std::vector<std::string_view> forms{"%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
                                              "%m/%d/%Y %I:%M:%S %p"};
    CHECK(read("01/04/2022 10:02", forms) == "2022-04-01T08:02:00Z");
    CHECK(read("4/1/2022 10:02:11 AM", forms) == "2022-04-01T08:02:11Z");
}

TEST_CASE("an unreadable time names the shapes accepted", "[platform_time]") {
    const auto message = read("yesterday", {"%Y/%m/%d %I:%M:%S %p %z", "%d/%m/%Y %H:%M:%S"});
    CHECK(message ==
          "'yesterday' is not a time as the platform writes it | accepted, for 13 April 2022 at "
          "15:00: 2022/04/13 3:00:00 PM +02:00, 13/04/2022 15:00:00");
    // Out of range, or not all of it read: no guess.
    CHECK(read("13/13/2022 10:00:00", {"%d/%m/%Y %H:%M:%S"}).starts_with("'13/13/2022"));
    CHECK(read("31/04/2022 10:00:00", {"%d/%m/%Y %H:%M:%S"}).starts_with("'31/04"));
    CHECK(read("2022/04/04 13:14:03 PM UTC+2", {"%Y/%m/%d %I:%M:%S %p %z"}).starts_with("'"));
    CHECK(read("04/04/2022 09:14:03 extra", {"%d/%m/%Y %H:%M:%S"}).starts_with("'"));
    // A zone abbreviation names no offset for certain: refused.
    CHECK(read("2022/06/22 11:07:29 AM AST", {"%Y/%m/%d %I:%M:%S %p %z"}).starts_with("'"));
    CHECK(read("", {"%d/%m/%Y %H:%M:%S"}).starts_with("'' is not a time"));
}

TEST_CASE("wall times in a DST gap or fold are refused as everywhere", "[platform_time]") {
    CHECK(read("27/03/2022 02:30:00", {"%d/%m/%Y %H:%M:%S"}).find("DST gap") != std::string::npos);
    CHECK(read("30/10/2022 02:30:00", {"%d/%m/%Y %H:%M:%S"}).find("DST fold") != std::string::npos);
    // With its offset the same wall time is one instant.
    CHECK(read("2022/10/30 2:30:00 AM UTC+2", {"%Y/%m/%d %I:%M:%S %p %z"}) ==
          "2022-10-30T00:30:00Z");
}

TEST_CASE("time examples show each shape", "[platform_time]") {
    CHECK(time_example("%m/%d/%y, %I:%M:%S %p") == "04/13/22, 3:00:00 PM");
    CHECK(time_example("%Y-%m-%dT%H:%M:%S%f%z") == "2022-04-13T15:00:00+02:00");
    CHECK(time_example("%b %d, %Y") == "Apr 13, 2022");
}

TEST_CASE("every time in the platform fixtures reads with its platform's shapes",
          "[platform_time]") {
    for (const auto* fixture : {"eventbrite-attendees.csv", "pretix-order-positions.csv",
                                "pretix-orders.csv", "google-forms-en.csv", "google-forms-fr.csv",
                                "microsoft-forms-fr-excel.csv", "indico-registrants.csv",
                                "tito-tickets.csv", "zoom-registration.csv", "luma-guests.csv"}) {
        INFO(fixture);
        std::istringstream in(convene::testing::platform_fixture(fixture).text);
        convene::io::CsvReader reader(in, fixture);
        const auto* platform = convene::io::recognise_platform(reader.header());
        REQUIRE(platform);
        const auto& source = platform->times.front();
        convene::io::CsvRecord record;
        while (reader.next(record)) {
            std::string text;
            for (const auto column : source.columns) {
                if (!text.empty()) text += ' ';
                text += record.fields[*convene::io::find_column(reader.header(), column)];
            }
            const auto instant = parse_platform_time(text, source.formats, paris());
            CHECK(instant.ok());
            if (instant) {
                // Every fixture's people registered between 1 and 13 April 2022.
                CHECK(convene::domain::format_utc(*instant) >= "2022-03-31");
                CHECK(convene::domain::format_utc(*instant) < "2022-04-14");
            }
        }
    }
}
