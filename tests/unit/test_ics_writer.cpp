#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>

#include "convene/export/ics_values.hpp"
#include "convene/export/ics_writer.hpp"
#include "testing.hpp"

namespace {

using convene::ics::Writer;
using namespace std::chrono_literals;
using convene::testing::unfold;
using convene::testing::written;

std::string text_line(std::string_view value) {
    return written([&](Writer& w) { w.text("SUMMARY", value); });
}

// Every physical line ends in CRLF, holds at most 75 octets and is valid UTF-8 on its own.
void require_well_folded(const std::string& folded) {
    REQUIRE(folded.size() >= 2);
    REQUIRE(folded.substr(folded.size() - 2) == "\r\n");
    std::size_t start = 0;
    while (start < folded.size()) {
        const auto end = folded.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        const std::string line = folded.substr(start, end - start);
        CAPTURE(line);
        REQUIRE(line.size() <= 75);
        REQUIRE(line.find_first_of("\r\n") == std::string::npos);
        // A line may not start with a UTF-8 continuation byte: that would be a split sequence.
        const auto first_content = start == 0 ? 0 : 1;
        if (line.size() > static_cast<std::size_t>(first_content)) {
            REQUIRE((static_cast<unsigned char>(line[first_content]) & 0xC0) != 0x80);
        }
        start = end + 2;
    }
}

const std::string k_family =
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F"
    "\x91\xA6";  // 👨‍👩‍👧‍👦, 25 octets

}  // namespace

TEST_CASE("short lines end in CRLF and are not folded", "[ics]") {
    CHECK(text_line("Hello") == "SUMMARY:Hello\r\n");
    const std::string exactly_75 = "SUMMARY:" + std::string(67, 'a');
    CHECK(text_line(std::string(67, 'a')) == exactly_75 + "\r\n");
}

TEST_CASE("a 76-octet line folds after 75 octets", "[ics]") {
    CHECK(text_line(std::string(68, 'a')) == "SUMMARY:" + std::string(67, 'a') + "\r\n a\r\n");
}

TEST_CASE("continuations carry at most 74 octets after the space", "[ics]") {
    const std::string folded = text_line(std::string(67 + 74 + 1, 'a'));
    CHECK(folded ==
          "SUMMARY:" + std::string(67, 'a') + "\r\n " + std::string(74, 'a') + "\r\n a\r\n");
}

TEST_CASE("folding never splits a UTF-8 sequence", "[ics]") {
    SECTION("a French accent across octet 75") {
        // é occupies octets 75 and 76: the break moves before it.
        CHECK(text_line(std::string(66, 'a') + "\xC3\xA9tude") ==
              "SUMMARY:" + std::string(66, 'a') + "\r\n \xC3\xA9tude\r\n");
    }
    SECTION("an emoji across octet 75") {
        CHECK(text_line(std::string(65, 'a') + "\xF0\x9F\xA5\x90"
                                               "b") == "SUMMARY:" + std::string(65, 'a') +
                                                           "\r\n \xF0\x9F\xA5\x90"
                                                           "b\r\n");
    }
    SECTION("a ZWJ family stays whole: octet 75 falls between its code points") {
        CHECK(text_line(std::string(60, 'a') + k_family + "b") ==
              "SUMMARY:" + std::string(60, 'a') + "\r\n " + k_family + "b\r\n");
    }
    SECTION("a combining accent stays with the ASCII letter before it") {
        CHECK(text_line(std::string(66, 'a') + "e\xCC\x81tude") ==
              "SUMMARY:" + std::string(66, 'a') + "\r\n e\xCC\x81tude\r\n");
    }
    SECTION("a grapheme cluster longer than a line is split between code points") {
        std::string zalgo = "e";
        for (int i = 0; i < 80; ++i) zalgo += "\xCC\x81";  // combining acute accent
        const std::string folded = text_line(zalgo);
        require_well_folded(folded);
        CHECK(unfold(folded) == "SUMMARY:" + zalgo + "\r\n");
    }
}

TEST_CASE("a space before a fold survives unfolding", "[ics]") {
    // The space is octet 75: breaking after it would end a line with a blank, breaking before
    // it would start a continuation with two blanks; the writer breaks one character earlier.
    const std::string value = std::string(66, 'a') + " bbbbbbbbbb";
    const std::string folded = text_line(value);
    CHECK(folded == "SUMMARY:" + std::string(65, 'a') + "\r\n a bbbbbbbbbb\r\n");
    CHECK(unfold(folded) == "SUMMARY:" + value + "\r\n");
}

TEST_CASE("when every break touches a blank, no physical line ends with one", "[ics]") {
    std::string value;
    for (int i = 0; i < 60; ++i) value += "a ";
    value += "z";
    const std::string folded = text_line(value);
    require_well_folded(folded);
    CHECK(folded.find(" \r\n") == std::string::npos);
    CHECK(unfold(folded) == "SUMMARY:" + value + "\r\n");
}

TEST_CASE("long mixed text folds cleanly and unfolds to the original", "[ics]") {
    std::string value;
    for (int i = 0; i < 12; ++i)
        value +=
            "Caf\xC3\xA9 cr\xC3\xA8me " + k_family + " \xF0\x9F\xA5\x90, d\xC3\xA9j\xC3\xA0 vu; ";
    value += "fin";  // a trailing blank would legitimately end the last line
    const std::string folded = text_line(value);
    require_well_folded(folded);
    std::string escaped;
    for (char c : value) {
        if (c == ',' || c == ';') escaped += '\\';
        escaped += c;
    }
    CHECK(unfold(folded) == "SUMMARY:" + escaped + "\r\n");
    CHECK(folded.find(" \r\n") == std::string::npos);
    CHECK(folded.find("\r\n  ") == std::string::npos);
}

TEST_CASE("TEXT escapes backslash, semicolon, comma and line breaks only", "[ics]") {
    CHECK(written([](Writer& w) { w.text("DESCRIPTION", "a\\b;c,d:e\"f\r\ng\rh\ni"); }) ==
          "DESCRIPTION:a\\\\b\\;c\\,d:e\"f\\ng\\nh\\ni\r\n");
}

TEST_CASE("control characters other than tab are dropped", "[ics]") {
    CHECK(text_line("a\tb\x01"
                    "c\x7F"
                    "d\x1B"
                    "e\xC2\x85"
                    "f") == "SUMMARY:a\tbcdef\r\n");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD", "[ics]") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(text_line("caf\xE9 \xFF ok") == "SUMMARY:caf" + fffd + " " + fffd + " ok\r\n");
    CHECK(text_line("end\xC3") == "SUMMARY:end" + fffd + "\r\n");       // truncated sequence
    CHECK(text_line("\xC0\xAF") == "SUMMARY:" + fffd + fffd + "\r\n");  // overlong '/'
    CHECK(text_line("\xED\xA0\x80") == "SUMMARY:" + fffd + fffd + fffd + "\r\n");  // surrogate
}

TEST_CASE("parameters are quoted and readable in every reader, never backslash-escaped", "[ics]") {
    // Typographic quotes, not RFC 6868's ^', which many readers show raw.
    CHECK(written([](Writer& w) {
              w.uri("ATTENDEE",
                    {{"CN", "Doe, Jane: \"JD\""}, {"ROLE", "REQ-PARTICIPANT"}, {"RSVP", "TRUE"}},
                    "mailto:jd@x.org");
          }) ==
          "ATTENDEE;CN=\"Doe, Jane: \u201CJD\u201D\";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:jd@\r\n "
          "x.org\r\n");
    CHECK(written([](Writer& w) {
              w.uri("ORGANIZER", {{"CN", "\"Q\" (\"R\")"}}, "mailto:q@x.org");
          }) == "ORGANIZER;CN=\"\u201CQ\u201D (\u201CR\u201D)\":mailto:q@x.org\r\n");
    // A caret stays bare unless RFC 6868 would decode it with what follows.
    CHECK(written([](Writer& w) {
              w.uri("ORGANIZER", {{"CN", "a^b ^^ ^n ^'"}}, "mailto:q@x.org");
          }) == "ORGANIZER;CN=\"a^b ^^^ ^^n ^^'\":mailto:q@x.org\r\n");
    CHECK(written([](Writer& w) {
              w.uri("ORGANIZER", {{"CN", "Jane"}}, "mailto:j@example.org");
          }) == "ORGANIZER;CN=\"Jane\":mailto:j@example.org\r\n");
    CHECK(written([](Writer& w) {
              w.uri("ORGANIZER", {{"CN", "a^b\\c\r\nd"}}, "mailto:j@example.org");
          }) == "ORGANIZER;CN=\"a^b\\c d\":mailto:j@example.org\r\n");
    CHECK(written([](Writer& w) {
              w.text("X-NOTE", {{"X-TAGS", "a,b"}, {"LANGUAGE", "fr"}}, "x");
          }) == "X-NOTE;X-TAGS=\"a,b\";LANGUAGE=fr:x\r\n");
}

TEST_CASE("URIs are written unescaped but cleaned", "[ics]") {
    CHECK(written([](Writer& w) { w.uri("URL", "https://example.org/e?a=1,2;b\\c"); }) ==
          "URL:https://example.org/e?a=1,2;b\\c\r\n");
    CHECK(written([](Writer& w) { w.uri("URL", "https://exa\tmple.org/\r\nx\x01y"); }) ==
          "URL:https://example.org/xy\r\n");
    CHECK(written([](Writer& w) {
              w.uri("CONFERENCE",
                    {{"VALUE", "URI"}, {"FEATURE", "VIDEO"}, {"LABEL", "Salle: Jitsi"}},
                    "https://meet.example.org/convene");
          }) ==
          "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=\"Salle: Jitsi\":https://meet.exampl\r\n "
          "e.org/convene\r\n");
}

TEST_CASE("date values are written in their iCalendar forms", "[ics]") {
    const auto& paris = *date::locate_zone("Europe/Paris");
    const convene::domain::Instant instant = date::sys_days{date::year{2022} / 4 / 13} + 13h;
    CHECK(written([&](Writer& w) {
              w.utc_date_time("DTSTAMP", instant);
              w.local_date_time("DTSTART", instant, paris);
              w.date_value("DTEND", date::year{2022} / 4 / 11);
          }) ==
          "DTSTAMP:20220413T130000Z\r\n"
          "DTSTART;TZID=Europe/Paris:20220413T150000\r\n"
          "DTEND;VALUE=DATE:20220411\r\n");
    // Each value appended to what the buffer holds already.
    std::string out = "|";
    convene::ics::append_utc_date_time(out, instant);
    out += '|';
    convene::ics::append_local_date_time(out, instant, paris);
    out += '|';
    convene::ics::append_local_date_time(out, date::sys_days{date::year{2022} / 1 / 13} + 13h,
                                         paris);
    out += '|';
    convene::ics::append_date(out, date::year{2022} / 4 / 11);
    for (const auto offset : {std::chrono::seconds{2h}, -std::chrono::seconds{9h + 30min},
                              std::chrono::seconds{0}, 5h + 30min + 28s}) {
        out += '|';
        convene::ics::append_utc_offset(out, offset);
    }
    CHECK(out ==
          "|20220413T130000Z|20220413T150000|20220113T140000|20220411|+0200|-0930|+0000|+053028");
}

TEST_CASE("an instant in the repeated hour of a DST change is written in UTC", "[ics]") {
    // 2025-10-26 in Paris: 02:00–03:00 CEST, then 02:00–03:00 CET again. Readers disagree on
    // which pass a TZID wall time in that hour means, so both passes are said in UTC; the
    // hours around it keep their TZID.
    const auto& paris = *date::locate_zone("Europe/Paris");
    const convene::domain::Instant first_pass =
        date::sys_days{date::year{2025} / 10 / 26} + 30min;  // 02:30 CEST
    const convene::domain::Instant second_pass =
        date::sys_days{date::year{2025} / 10 / 26} + 1h + 30min;  // 02:30 CET
    CHECK(written([&](Writer& w) {
              w.local_date_time("DTSTART", first_pass, paris);
              w.local_date_time("DTEND", second_pass, paris);
          }) ==
          "DTSTART:20251026T003000Z\r\n"
          "DTEND:20251026T013000Z\r\n");
    const convene::domain::Instant before = first_pass - 31min;  // 01:59 CEST
    const convene::domain::Instant after = second_pass + 30min;  // 03:00 CET
    CHECK(written([&](Writer& w) {
              w.local_date_time("DTSTART", before, paris);
              w.local_date_time("DTEND", after, paris);
          }) ==
          "DTSTART;TZID=Europe/Paris:20251026T015900\r\n"
          "DTEND;TZID=Europe/Paris:20251026T030000\r\n");
}

TEST_CASE("components nest: END must match the open BEGIN", "[ics]") {
    std::ostringstream out;
    Writer writer(out);
    writer.begin("VCALENDAR");
    writer.begin("VEVENT");
    CHECK(writer.depth() == 2);
    CHECK_THROWS_AS(writer.end("VCALENDAR"), std::logic_error);
    writer.end("VEVENT");
    writer.end("VCALENDAR");
    CHECK(writer.depth() == 0);
    CHECK_THROWS_AS(writer.end("VCALENDAR"), std::logic_error);
    CHECK(out.str() == "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
}
