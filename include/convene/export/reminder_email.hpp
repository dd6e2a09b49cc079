#pragma once
// Reminder e-mails (`send --reminder 1d`): a short text/plain letter that the event starts
// soon, in the attendee's language, with the start in the event's zone, where, and the link
// to join (the private join link, else the public online one). No calendar part: the
// invitation put the event in their calendar already.
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/export/invitation.hpp"

namespace convene::mail {

class ReminderEmail {
public:
    // `reminder` is its domain::reminder_key; `locale` the attendee's language (else the
    // event's is used); `date` the message's Date.
    ReminderEmail(const domain::Event& event, const ics::Person& organiser,
                  std::string_view reminder, std::string_view locale, domain::Instant date);

    // One message for `attendee`, CRLF line ends throughout.
    std::string to_string(const ics::Person& attendee) const;
    std::string message_id(std::string_view attendee_email) const;

private:
    const domain::Event& m_event;
    std::string m_reminder;
    std::string m_organiser_email;
    std::string m_headers;   // From, Subject, Date
    std::string m_greeting;  // "Hello {name},"
    std::string m_anonymous_greeting;
    std::string m_body;  // everything after the greeting
};

// "<UID-hash.reminder-1d.EMAIL-hash@organiser-domain>": the same reminder to the same person
// always has the same Message-ID.
std::string reminder_message_id(const domain::Event& event, std::string_view reminder,
                                std::string_view attendee_email, std::string_view organiser_email);

}  // namespace convene::mail
