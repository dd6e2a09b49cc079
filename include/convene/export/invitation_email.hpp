#pragma once
// Invitations as e-mail messages (RFC 5322 + MIME) that `sendmail -t < FILE` sends as they are:
// From the organiser, To the attendee, a multipart/alternative of the letter as text/plain and
// as text/html, and the invitation as `text/calendar; charset=UTF-8; method=REQUEST` (or
// CANCEL, always the METHOD inside the file: Outlook shows no Accept/Decline otherwise, ICS.md
// rule 12).
#include <iosfwd>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/export/invitation.hpp"
#include "convene/export/invitation_letter.hpp"

namespace convene::mail {

class InvitationEmail {
public:
    // `letter` gives the subject and the bodies, in one language. `date` is the message's
    // Date. The invitation, the event and the letter must outlive this object.
    InvitationEmail(const ics::Invitation& invitation, const domain::Event& event,
                    const ics::Person& organiser, const InvitationLetter& letter,
                    domain::Instant date);

    // One message for `attendee`, CRLF line ends throughout.
    void write(std::ostream& out, const ics::Person& attendee);
    std::string to_string(const ics::Person& attendee);

private:
    const ics::Invitation& m_invitation;
    const domain::Event& m_event;
    std::string m_organiser_email;
    std::string m_common_headers;  // From, Subject, Date
    const InvitationLetter& m_letter;
    std::string m_boundary;
    std::string m_encoded;  // the base64 calendar, reused per attendee
};

// "<UID-hash.SEQUENCE.request.EMAIL-hash@organiser-domain>": the same message (the SEQUENCE
// it carries) for the same person always gets the same Message-ID, and different ones never
// share it.
std::string message_id(const domain::Event& event, domain::Itip method, std::int64_t sequence,
                       std::string_view attendee_email, std::string_view organiser_email);

}  // namespace convene::mail
