#include <catch2/catch.hpp>

#include <string>

#include "convene/error.hpp"
#include "convene/io/itip_reply.hpp"

using namespace convene;

namespace {

const std::string k_reply =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REPLY\r\n"
    "BEGIN:VEVENT\r\nUID:briefing@convene.test\r\nDTSTAMP:20231115T090000Z\r\n"
    "SEQUENCE:2\r\nDTSTART:20220413T130000Z\r\n"
    "ORGANIZER:mailto:events@example.org\r\n"
    "ATTENDEE;PARTSTAT=TENTATIVE;CN=\"Jane\":MAILTO:jane@example.org\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

}  // namespace

TEST_CASE("a REPLY gives UID, SEQUENCE, attendee, PARTSTAT and DTSTAMP", "[rsvp]") {
    const auto reply = io::parse_reply(k_reply, "reply.ics");
    CHECK(reply.uid == "briefing@convene.test");
    CHECK(reply.sequence == 2);
    CHECK(reply.attendee == "jane@example.org");
    CHECK(reply.partstat == "TENTATIVE");
    CHECK(reply.stamp == domain::Instant{std::chrono::seconds{1'700'038'800}});
}

TEST_CASE("the calendar of an e-mail is found in nested parts and decoded", "[rsvp]") {
    const std::string qp_calendar =
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nX-NOTE:a=3Db soft=\r\nbreak\r\nEND:VCALENDAR\r\n";
    const std::string message =
        "From: x@example.org\r\nContent-Type: multipart/mixed;\r\n\tboundary=\"a b\"\r\n\r\n"
        "preamble\r\n--a b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        "--a b\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
        "--inner\r\nContent-Type: text/calendar; method=REPLY\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
        qp_calendar + "--inner--\r\n--a b--\r\n";
    CHECK(io::calendar_text(message, "mail") ==
          "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nX-NOTE:a=b softbreak\r\nEND:VCALENDAR");
    CHECK(io::calendar_text(k_reply, "reply.ics") == k_reply);
    CHECK_THROWS_AS(io::calendar_text("Subject: hi\r\n\r\nno calendar\r\n", "mail"), BadInputError);
}

TEST_CASE("anything but a REPLY with one answering attendee is bad input", "[rsvp]") {
    auto replaced = [](std::string text, const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    CHECK_THROWS_AS(io::parse_reply(replaced(k_reply, "METHOD:REPLY", "METHOD:REQUEST"), "x"),
                    BadInputError);
    CHECK_THROWS_AS(io::parse_reply(replaced(k_reply, "PARTSTAT=TENTATIVE;", ""), "x"),
                    BadInputError);
    CHECK_THROWS_AS(
        io::parse_reply(replaced(k_reply, "PARTSTAT=TENTATIVE", "PARTSTAT=NEEDS-ACTION"), "x"),
        BadInputError);
    CHECK_THROWS_AS(
        io::parse_reply(
            replaced(k_reply, "END:VEVENT", "ATTENDEE:mailto:b@example.org\r\nEND:VEVENT"), "x"),
        BadInputError);
}

TEST_CASE("a REPLY without a real DTSTAMP is bad input", "[rsvp]") {
    auto with_stamp = [](const std::string& stamp) {
        std::string text = k_reply;
        const std::string from = "DTSTAMP:20231115T090000Z\r\n";
        text.replace(text.find(from), from.size(), stamp);
        return text;
    };
    for (const std::string& stamp : {std::string(), std::string("DTSTAMP:yesterday\r\n"),
                                     std::string("DTSTAMP:20231345T250000Z\r\n"),
                                     std::string("DTSTAMP;VALUE=DATE:20231115\r\n")}) {
        CAPTURE(stamp);
        CHECK_THROWS_AS(io::parse_reply(with_stamp(stamp), "x"), BadInputError);
    }
}

TEST_CASE("VEVENTs of one REPLY must give one answer", "[rsvp]") {
    const std::string event = k_reply.substr(
        k_reply.find("BEGIN:VEVENT"), k_reply.find("END:VCALENDAR") - k_reply.find("BEGIN:VEVENT"));
    auto calendar = [&](const std::string& second) {
        return k_reply.substr(0, k_reply.find("END:VCALENDAR")) + second + "END:VCALENDAR\r\n";
    };
    CHECK(io::parse_reply(calendar(event), "x").partstat == "TENTATIVE");
    std::string declined = event;
    declined.replace(declined.find("TENTATIVE"), 9, "DECLINED");
    try {
        io::parse_reply(calendar(declined), "reply.ics");
        FAIL("no error");
    } catch (const BadInputError& e) {
        CHECK(std::string(e.what()) ==
              "reply.ics: the REPLY holds VEVENTs that disagree (TENTATIVE sequence 2 and "
              "DECLINED sequence 2); answer once");
    }
    std::string later = event;
    later.replace(later.find("SEQUENCE:2"), 10, "SEQUENCE:3");
    CHECK_THROWS_AS(io::parse_reply(calendar(later), "x"), BadInputError);
}
