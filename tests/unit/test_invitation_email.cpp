#include <catch2/catch.hpp>

#include <string>

#include "convene/export/invitation_email.hpp"
#include "convene/export/invitation_letter.hpp"
#include "convene/export/mime.hpp"
#include "convene/l10n/locale.hpp"
#include "testing.hpp"

namespace {

using namespace convene;
using testing::k_now;

const ics::Person k_organiser{"Mécanisme des maires", "events@Example.org"};
const ics::Person k_jane{"Doe, Jane", "jane@example.org"};
// Templates of a line each, so the expected messages stay short.
const mail::Templates k_templates{"{{greeting}}\n{{intro}}\n", "<p>{{greeting}}</p>\n"};

mail::InvitationLetter letter(const domain::Event& event, mail::Notice notice) {
    return mail::InvitationLetter(event, {}, k_organiser, notice, "", k_templates);
}

}  // namespace

TEST_CASE("an invitation e-mail: headers, text and HTML parts and the calendar with its METHOD",
          "[mime][email]") {
    const auto event = testing::seed_briefing();
    const ics::Invitation invitation(event, {}, k_organiser, domain::Itip::request, k_now);
    const auto words = letter(event, mail::Notice::registered);
    mail::InvitationEmail email(invitation, event, k_organiser, words, k_now);
    const auto message = email.to_string(k_jane);

    std::string calendar;
    mail::append_base64(calendar, invitation.to_string(k_jane));
    const std::string boundary = "=_convene_" + message.substr(message.find("=_convene_") + 10, 16);
    const std::string message_id =
        mail::message_id(event, domain::Itip::request, 0, k_jane.email, k_organiser.email);
    CHECK(message ==
          "From: =?UTF-8?B?TcOpY2FuaXNtZSBkZXMgbWFpcmVz?= <events@Example.org>\r\n"
          "Subject: " +
              mail::header_text("Invitation: Séance d'information (IMRF)", 7) +
              "\r\n"
              "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
              "To: \"Doe, Jane\" <jane@example.org>\r\n"
              "Message-ID: " +
              message_id +
              "\r\n"
              "MIME-Version: 1.0\r\n"
              "Content-Type: multipart/alternative; boundary=\"" +
              boundary +
              "\"\r\n"
              "\r\n"
              "--" +
              boundary +
              "\r\n"
              "Content-Type: text/plain; charset=UTF-8\r\n"
              "Content-Transfer-Encoding: quoted-printable\r\n"
              "\r\n"
              "Hello Doe, Jane,\r\n"
              "You are registered for =E2=80=9CS=C3=A9ance d'information (IMRF)=E2=80=9D.\r\n"
              "--" +
              boundary +
              "\r\n"
              "Content-Type: text/html; charset=UTF-8\r\n"
              "Content-Transfer-Encoding: quoted-printable\r\n"
              "\r\n"
              "<p>Hello Doe, Jane,</p>\r\n"
              "--" +
              boundary +
              "\r\n"
              "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"
              "Content-Transfer-Encoding: base64\r\n"
              "\r\n" +
              calendar + "--" + boundary + "--\r\n");
    // No bare LF anywhere: RFC 5322 lines end in CRLF.
    for (std::size_t at = message.find('\n'); at != std::string::npos;
         at = message.find('\n', at + 1)) {
        REQUIRE(at > 0);
        REQUIRE(message[at - 1] == '\r');
    }
    CHECK(email.to_string(k_jane) == message);  // deterministic
}

TEST_CASE("Message-IDs are stable per message and person, different otherwise", "[mime][email]") {
    auto event = testing::seed_briefing();
    const auto id =
        mail::message_id(event, domain::Itip::request, 0, "jane@example.org", "events@Example.org");
    CHECK(id.front() == '<');
    CHECK(id.substr(id.size() - 13) == "@example.org>");
    CHECK(id.find(".0.request.") != std::string::npos);
    CHECK(mail::message_id(event, domain::Itip::request, 0, "Jane@Example.org",
                           "events@example.org") == id);
    CHECK(mail::message_id(event, domain::Itip::request, 0, "joe@example.org",
                           "events@example.org") != id);
    CHECK(mail::message_id(event, domain::Itip::cancel, 0, "jane@example.org",
                           "events@example.org") != id);
    // A person's later REQUEST (a higher SEQUENCE) is another message, even for the same
    // event state.
    CHECK(mail::message_id(event, domain::Itip::request, 2, "jane@example.org",
                           "events@example.org") != id);
    CHECK(mail::message_id(event, domain::Itip::request, 0, "jane@example.org", "nobody")
              .find("@convene.invalid>") != std::string::npos);
}

TEST_CASE("a cancellation e-mail says so in the subject, the text and the MIME method",
          "[mime][email]") {
    auto event = testing::seed_briefing();
    event.title = "Briefing";
    SECTION("the whole event") {
        event.status = domain::EventStatus::cancelled;
        const ics::Invitation invitation(event, {}, k_organiser, domain::Itip::cancel, k_now);
        const auto words = letter(event, mail::Notice::event_cancelled);
        mail::InvitationEmail email(invitation, event, k_organiser, words, k_now);
        const auto message = email.to_string(k_jane);
        CHECK(message.find("\r\nSubject: Cancelled: Briefing\r\n") != std::string::npos);
        CHECK(message.find("\r\nWe are sorry: =E2=80=9CBriefing=E2=80=9D is cancelled.\r\n") !=
              std::string::npos);
        CHECK(message.find("\r\nContent-Type: text/calendar; charset=UTF-8; method=CANCEL\r\n") !=
              std::string::npos);
    }
    SECTION("one registration") {
        const ics::Invitation invitation(event, {}, k_organiser, domain::Itip::cancel, k_now);
        const auto words = letter(event, mail::Notice::withdrawn);
        mail::InvitationEmail email(invitation, event, k_organiser, words, k_now);
        const auto message = email.to_string(k_jane);
        CHECK(message.find("\r\nSubject: Registration cancelled: Briefing\r\n") !=
              std::string::npos);
        CHECK(message.find("\r\nYour registration for =E2=80=9CBriefing=E2=80=9D is "
                           "cancelled.\r\n") != std::string::npos);
        CHECK(message.find("method=CANCEL\r\n") != std::string::npos);
    }
}

TEST_CASE("a letter speaks the attendee's language, else the event's", "[mime][email]") {
    auto event = testing::seed_briefing();
    event.locale = "fr";
    const mail::InvitationLetter spanish(event, {}, k_organiser, mail::Notice::registered, "es-MX",
                                         k_templates);
    CHECK(spanish.locale() == "es");
    const mail::InvitationLetter german(event, {}, k_organiser, mail::Notice::registered, "de",
                                        k_templates);
    CHECK(german.locale() == "fr");
    if (l10n::catalog_dir().empty()) {
        WARN("the compiled catalogs are not beside the test runner: wording unchecked");
        return;
    }
    CHECK(spanish.text(k_jane) ==
          "Hola, Doe, Jane:\nSu inscripción en «Séance d'information (IMRF)» está confirmada.\n");
    const mail::InvitationLetter changed(event, {}, k_organiser, mail::Notice::changed, "",
                                         k_templates);
    CHECK(changed.subject() == "Nouvel horaire\u00A0: Séance d'information (IMRF)");
    CHECK(changed.html({"", "x@example.org"}) == "<p>Bonjour,</p>\n");
}

TEST_CASE("a letter gives the time in the other zones too, under the event's", "[mime][email]") {
    const auto event = testing::seed_briefing();
    const mail::InvitationLetter words(event, {}, k_organiser, mail::Notice::registered, "",
                                       {"{{details}}", "{{details}}"}, {"UTC", event.timezone});
    const auto text = words.text(k_jane);
    CHECK(
        text.starts_with("When: April 13, 2022, 3:00\u202fPM – 4:00\u202fPM (Central European "
                         "Summer Time)\n  April 13, 2022, 1:00\u202fPM – 2:00\u202fPM "
                         "(Coordinated Universal Time)\n"));
    CHECK(words.html(k_jane).find("<li>April 13, 2022, 1:00\u202fPM") != std::string::npos);
}
