#include "convene/export/invitation_email.hpp"

#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "convene/export/mime.hpp"
#include "convene/export/reminder_email.hpp"
#include "convene/text/hash.hpp"
#include "convene/text/idna.hpp"
#include "convene/text/strings.hpp"

namespace convene::mail {

namespace {

// The right-hand side of a Message-ID should be a domain the sender controls.
std::string domain_of(std::string_view email) {
    const auto at = email.rfind('@');
    std::string domain;
    if (at != std::string_view::npos) {
        const auto ascii = text::ascii_domain(email.substr(at + 1));
        for (const char c : ascii.value_or("")) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '.' || c == '-';
            if (ok) domain += c;
        }
    }
    return domain.empty() ? "convene.invalid" : text::lowercase_ascii(domain);
}

}  // namespace

std::string message_id(const domain::Event& event, domain::Itip method, std::int64_t sequence,
                       std::string_view attendee_email, std::string_view organiser_email) {
    return fmt::format("<{}.{}.{}.{}@{}>", text::short_hash(event.uid, 16), sequence,
                       text::lowercase_ascii(ics::method_name(method)),
                       text::short_hash(text::lowercase_ascii(attendee_email), 16),
                       domain_of(organiser_email));
}

std::string reminder_message_id(const domain::Event& event, std::string_view reminder,
                                std::string_view attendee_email, std::string_view organiser_email) {
    return fmt::format("<{}.reminder-{}.{}@{}>", text::short_hash(event.uid, 16), reminder,
                       text::short_hash(text::lowercase_ascii(attendee_email), 16),
                       domain_of(organiser_email));
}

InvitationEmail::InvitationEmail(const ics::Invitation& invitation, const domain::Event& event,
                                 const ics::Person& organiser, const InvitationLetter& letter,
                                 domain::Instant date)
    : m_invitation(invitation),
      m_event(event),
      m_organiser_email(organiser.email),
      m_letter(letter) {
    m_common_headers = "From: " + mailbox(organiser.name, organiser.email) + "\r\n";
    m_common_headers += "Subject: " + header_text(letter.subject(), 7) + "\r\n";
    m_common_headers += "Date: " + date_time(date) + "\r\n";
    // "=_" cannot occur in base64 or quoted-printable text, so the boundary never clashes.
    m_boundary = "=_convene_" + text::short_hash(event.uid, 16);
}

void InvitationEmail::write(std::ostream& out, const ics::Person& attendee) {
    std::ostringstream calendar;
    m_invitation.write(calendar, attendee);
    m_encoded.clear();
    append_base64(m_encoded, std::move(calendar).str());

    out << m_common_headers;
    out << "To: " << mailbox(attendee.name, attendee.email) << "\r\n";
    out << "Message-ID: "
        << message_id(m_event, m_invitation.method(), m_invitation.sequence(), attendee.email,
                      m_organiser_email)
        << "\r\n";
    out << "MIME-Version: 1.0\r\n";
    out << "Content-Type: multipart/alternative; boundary=\"" << m_boundary << "\"\r\n";
    out << "\r\n";
    // The letter greets the person by name, so its parts are written for each one.
    std::string parts = "--" + m_boundary + "\r\n";
    parts += "Content-Type: text/plain; charset=UTF-8\r\n";
    parts += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    append_quoted_printable(parts, m_letter.text(attendee));
    parts += "--" + m_boundary + "\r\n";
    parts += "Content-Type: text/html; charset=UTF-8\r\n";
    parts += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    append_quoted_printable(parts, m_letter.html(attendee));
    out << parts;
    out << "--" << m_boundary << "\r\n";
    out << "Content-Type: text/calendar; charset=UTF-8; method="
        << ics::method_name(m_invitation.method()) << "\r\n";
    out << "Content-Transfer-Encoding: base64\r\n\r\n";
    out << m_encoded;
    out << "--" << m_boundary << "--\r\n";
}

std::string InvitationEmail::to_string(const ics::Person& attendee) {
    std::ostringstream out;
    write(out, attendee);
    return std::move(out).str();
}

}  // namespace convene::mail
