#pragma once
// Invitations as e-mail messages (RFC 5322 + MIME) that `sendmail -t < FILE` sends as they are:
// From the organiser, To the attendee, the event page as text/plain and the invitation as
// `text/calendar; charset=UTF-8; method=REQUEST` (or CANCEL, always the METHOD inside the
// file: Outlook shows no Accept/Decline otherwise, ICS.md rule 12).
#include <iosfwd>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/export/invitation.hpp"

namespace convene::mail {

class InvitationEmail {
public:
    // `page` is the text body, normally the event page that `convene show` prints; a
    // cancellation puts one line saying so before it. `date` is the message's Date. The
    // invitation and the event must outlive this object.
    InvitationEmail(const ics::Invitation& invitation, const domain::Event& event,
                    const ics::Person& organiser, std::string_view page, domain::Instant date);

    // One message for `attendee`, CRLF line ends throughout.
    void write(std::ostream& out, const ics::Person& attendee);
    std::string to_string(const ics::Person& attendee);

private:
    const ics::Invitation& m_invitation;
    const domain::Event& m_event;
    std::string m_organiser_email;
    std::string m_common_headers;  // From, Subject, Date
    std::string m_boundary;
    std::string m_text_part;  // headers and encoded body, the same for everyone
    std::string m_encoded;    // the base64 calendar, reused per attendee
};

// "<UID-hash.SEQUENCE.request.EMAIL-hash@organiser-domain>": the same message (the SEQUENCE
// it carries) for the same person always gets the same Message-ID, and different ones never
// share it.
std::string message_id(const domain::Event& event, ics::Method method, std::int64_t sequence,
                       std::string_view attendee_email, std::string_view organiser_email);

}  // namespace convene::mail
