#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>

#include "convene/export/invitation.hpp"
#include "testing.hpp"

namespace {

using namespace convene;
using testing::k_now;
using testing::unfold;

const ics::Person k_organiser{"Mayors Mechanism", "events@example.org"};
const ics::Person k_jane{"Doe, Jane: \"JD\"", "jane@example.org"};

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

std::string invitation(const domain::Event& event, domain::Itip method,
                       const ics::Person& attendee = k_jane) {
    return unfold(ics::Invitation(event, {}, k_organiser, method, k_now).to_string(attendee));
}

}  // namespace

TEST_CASE("a REQUEST invites one attendee, from the organiser, with one UID", "[ics][invitation]") {
    const auto event = testing::seed_briefing();
    const auto text = invitation(event, domain::Itip::request);
    const auto vevent = text.find("BEGIN:VEVENT\r\n");
    REQUIRE(vevent != std::string::npos);
    CHECK(text.substr(0, text.find("BEGIN:VTIMEZONE")) ==
          "BEGIN:VCALENDAR\r\n"
          "PRODID:-//convene//convene//EN\r\n"
          "VERSION:2.0\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "METHOD:REQUEST\r\n");
    CHECK(text.substr(vevent) ==
          "BEGIN:VEVENT\r\n"
          "UID:briefing@convene.test\r\n"
          "DTSTAMP:20231114T221320Z\r\n"
          "DTSTART;TZID=Europe/Paris:20220413T150000\r\n"
          "DTEND;TZID=Europe/Paris:20220413T160000\r\n"
          "SEQUENCE:0\r\n"
          "STATUS:CONFIRMED\r\n"
          "SUMMARY:Séance d'information (IMRF)\r\n"
          "DESCRIPTION:Ce briefing vise à informer. Deuxième ligne\\; avec\\, ponctuation.\\n\\n"
          "Interpretation: English\\, French\\, and Spanish\\n"
          "Join online: https://example.org/imrf\\n"
          "Organisers: Mayors Mechanism and CGLU\r\n"
          "LOCATION:https://example.org/imrf\r\n"
          "URL:https://example.org/imrf\r\n"
          "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=\"Join online\":https://example.org/imrf\r\n"
          "CREATED:20220301T000000Z\r\n"
          "LAST-MODIFIED:20220302T000000Z\r\n"
          "ORGANIZER;CN=\"Mayors Mechanism\":mailto:events@example.org\r\n"
          "ATTENDEE;CN=\"Doe, Jane: "
          "\u201CJD\u201D\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
          "mailto:jane@example.org\r\n"
          "END:VEVENT\r\n"
          "END:VCALENDAR\r\n");
    CHECK(count(text, "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n") == 1);
    CHECK(count(text, "\r\nUID:") == 1);
    CHECK(count(text, "\r\nORGANIZER") == 1);
    CHECK(count(text, "\r\nATTENDEE") == 1);
}

TEST_CASE("every attendee gets the same invitation but for the ATTENDEE line",
          "[ics][invitation]") {
    const auto event = testing::seed_briefing();
    const ics::Invitation invitation(event, {}, k_organiser, domain::Itip::request, k_now);
    const auto jane = unfold(invitation.to_string(k_jane));
    const auto nameless = unfold(invitation.to_string({"", "x@example.org"}));
    CHECK(nameless.find("ATTENDEE;CN=\"x@example.org\";ROLE=REQ-PARTICIPANT;") !=
          std::string::npos);
    const auto before = [](const std::string& text) {
        return text.substr(0, text.find("ATTENDEE;"));
    };
    const auto after = [](const std::string& text) {
        return text.substr(text.find("\r\n", text.find("ATTENDEE;")));
    };
    CHECK(before(jane) == before(nameless));
    CHECK(after(jane) == after(nameless));
    CHECK(after(jane) == "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    CHECK(unfold(invitation.to_string(k_jane)) == jane);  // deterministic
}

TEST_CASE("STATUS in a REQUEST is TENTATIVE or CONFIRMED, a cancelled event cannot be requested",
          "[ics][invitation]") {
    auto event = testing::seed_briefing();
    event.status = domain::EventStatus::tentative;
    CHECK(invitation(event, domain::Itip::request).find("\r\nSTATUS:TENTATIVE\r\n") !=
          std::string::npos);
    event.status = domain::EventStatus::cancelled;
    CHECK_THROWS_AS(ics::Invitation(event, {}, k_organiser, domain::Itip::request, k_now),
                    std::logic_error);
}

TEST_CASE("CANCEL of a cancelled event: STATUS:CANCELLED at the event's SEQUENCE",
          "[ics][invitation]") {
    auto event = testing::seed_briefing();
    event.status = domain::EventStatus::cancelled;
    event.sequence = 1;  // cancel-event raised it
    const auto text = invitation(event, domain::Itip::cancel);
    CHECK(text.find("\r\nMETHOD:CANCEL\r\n") != std::string::npos);
    CHECK(text.find("\r\nSEQUENCE:1\r\nSTATUS:CANCELLED\r\n") != std::string::npos);
    CHECK(text.find("\r\nUID:briefing@convene.test\r\n") != std::string::npos);
    CHECK(text.find("\r\nORGANIZER;CN=\"Mayors Mechanism\":mailto:events@example.org\r\n") !=
          std::string::npos);
    CHECK(text.find("\r\nATTENDEE;CN=\"Doe, Jane: \u201CJD\u201D\";ROLE=REQ-PARTICIPANT:"
                    "mailto:jane@example.org\r\n") != std::string::npos);
    CHECK(text.find("RSVP") == std::string::npos);
}

TEST_CASE("CANCEL for one attendee of a live event: higher SEQUENCE, no STATUS",
          "[ics][invitation]") {
    auto event = testing::seed_briefing();
    event.sequence = 2;
    const auto text = invitation(event, domain::Itip::cancel);
    CHECK(text.find("\r\nSEQUENCE:3\r\n") != std::string::npos);
    CHECK(text.find("STATUS") == std::string::npos);
    CHECK(text.find("\r\nATTENDEE;CN=") != std::string::npos);
}

TEST_CASE("all-day and UTC invitations carry no VTIMEZONE", "[ics][invitation]") {
    const auto parent = testing::seed_parent();
    const auto text = invitation(parent, domain::Itip::request);
    CHECK(text.find("VTIMEZONE") == std::string::npos);
    CHECK(text.find("\r\nDTSTART;VALUE=DATE:20220411\r\nDTEND;VALUE=DATE:20220414\r\n") !=
          std::string::npos);
}

TEST_CASE("invitation file names are safe everywhere and unique per address", "[ics][invitation]") {
    const auto name = ics::invitation_file_name("Jane.Doe@Example.org", "ics");
    CHECK(name.rfind("jane.doe_example.org-", 0) == 0);
    CHECK(name.size() == std::string("jane.doe_example.org-").size() + 8 + 4);
    CHECK(name.substr(name.size() - 4) == ".ics");
    // Case does not make a different person (registrations compare emails case-insensitively).
    CHECK(ics::invitation_file_name("jane.doe@example.org", "ics") == name);

    std::set<std::string> names;
    for (const char* email :
         {"a+b@x.org", "a=b@x.org", "a b@x.org", "a/b@x.org", "a_b@x.org", "a\\b@x.org"}) {
        const auto file = ics::invitation_file_name(email, "eml");
        CAPTURE(email, file);
        CHECK(file.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") ==
              std::string::npos);
        CHECK(file.rfind("a_b_x.org-", 0) == 0);
        names.insert(file);
    }
    CHECK(names.size() == 6);

    CHECK(ics::invitation_file_name("../../etc/passwd", "ics").rfind("_.._etc_passwd-", 0) == 0);
    CHECK(ics::invitation_file_name("-rf@x.org", "ics").rfind("rf_x.org-", 0) == 0);
    CHECK(ics::invitation_file_name("élodie@exemple.fr", "ics").rfind("__lodie_exemple.fr-", 0) ==
          0);
    CHECK(ics::invitation_file_name("", "ics").rfind("invitation-", 0) == 0);
    const auto long_name = ics::invitation_file_name(std::string(300, 'a') + "@x.org", "ics");
    CHECK(long_name.size() == 64 + 1 + 8 + 4);
}
