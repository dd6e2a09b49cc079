#include "convene/export/reminder_email.hpp"

#include <fmt/format.h>

#include "convene/export/event_page.hpp"
#include "convene/export/mime.hpp"
#include "convene/l10n/locale.hpp"
#include "convene/text/wrap.hpp"

namespace convene::mail {

namespace {

constexpr std::size_t k_width = 72;  // as the invitation letters

// When, where and how to join, one labelled line each (wrapped, continued indented).
std::string facts(const l10n::Locale& locale, const domain::Event& event) {
    std::string out;
    const auto add = [&](const char* label, const std::string& value) {
        if (value.empty()) return;
        out += text::wrap(locale.tr(label) + ' ' + value, k_width, "", "  ") + '\n';
    };
    add(l10n::msg("When:"), page::when(locale, event, event.timezone));
    add(l10n::msg("Where:"), event.venue);
    add(l10n::msg("Join online:"), domain::meeting_link(event));
    return out;
}

}  // namespace

ReminderEmail::ReminderEmail(const domain::Event& event, const ics::Person& organiser,
                             std::string_view reminder, std::string_view locale_tag,
                             domain::Instant date)
    : m_event(event), m_reminder(reminder), m_organiser_email(organiser.email) {
    const l10n::Locale locale(l10n::choose_locale(locale_tag, event.locale));
    const auto subject =
        fmt::format(fmt::runtime(locale.tr("Reminder: {title}")), fmt::arg("title", event.title));
    m_headers = "From: " + mailbox(organiser.name, organiser.email) + "\r\n";
    m_headers += "Subject: " + header_text(subject, 7) + "\r\n";
    m_headers += "Date: " + date_time(date) + "\r\n";
    m_greeting = locale.tr("Hello {name},");
    m_anonymous_greeting = locale.tr("Hello,");
    const auto intro = fmt::format(fmt::runtime(locale.tr("A reminder: “{title}” starts soon.")),
                                   fmt::arg("title", event.title));
    m_body = text::wrap(intro, k_width) + "\n\n" + facts(locale, event) + '\n' +
             locale.tr("Best regards,") + '\n' +
             (organiser.name.empty() ? organiser.email : organiser.name) + '\n';
}

std::string ReminderEmail::message_id(std::string_view attendee_email) const {
    return reminder_message_id(m_event, m_reminder, attendee_email, m_organiser_email);
}

std::string ReminderEmail::to_string(const ics::Person& attendee) const {
    const auto greeting = attendee.name.empty() ? m_anonymous_greeting
                                                : fmt::format(fmt::runtime(m_greeting),
                                                              fmt::arg("name", attendee.name));
    std::string out = m_headers;
    out += "To: " + mailbox(attendee.name, attendee.email) + "\r\n";
    out += "Message-ID: " + message_id(attendee.email) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    append_quoted_printable(out, greeting + "\n\n" + m_body);
    return out;
}

}  // namespace convene::mail
