#pragma once
// iTIP invitations (RFC 5546) for one attendee at a time: METHOD:REQUEST to invite,
// METHOD:CANCEL to withdraw an attendee or call the whole event off (ICS.md rules 12 and 13).
#include <iosfwd>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/domain/invitation_ledger.hpp"
#include "convene/export/event_ics.hpp"

namespace convene::ics {

// "REQUEST", "CANCEL" for the iTIP method (domain::Itip): the METHOD inside the file and the
// method= of its MIME type.
std::string_view method_name(domain::Itip method);

// A person as calendars and mail headers name them; the name may be empty.
struct Person {
    std::string name;
    std::string email;
};

// Everything in an invitation but the ATTENDEE line is the same for every attendee of an
// event, so it is rendered once and write() costs one line per person: ten thousand
// invitations are mostly file system work.
//
// REQUEST: the event's SEQUENCE, STATUS TENTATIVE or CONFIRMED (a cancelled event is a
// std::logic_error: it can only be cancelled). CANCEL of a cancelled event: its SEQUENCE,
// which cancel-event raised, and STATUS:CANCELLED. CANCEL of a live event withdraws just the
// attendee: SEQUENCE one above the event's, so clients see it as newer than the invitation
// they hold, and no STATUS, which would cancel the event for them (RFC 5546 §3.2.5).
class Invitation {
public:
    Invitation(const domain::Event& event, const EventDetails& details, const Person& organiser,
               domain::Itip method, domain::Instant stamp);
    // The same with the SEQUENCE a person's ledger calls for (domain::sequence_for).
    Invitation(const domain::Event& event, const EventDetails& details, const Person& organiser,
               domain::Itip method, domain::Instant stamp, std::int64_t sequence);

    domain::Itip method() const noexcept { return m_method; }
    std::int64_t sequence() const noexcept { return m_sequence; }
    // The whole calendar for one attendee.
    void write(std::ostream& out, const Person& attendee) const;
    std::string to_string(const Person& attendee) const;

private:
    domain::Itip m_method;
    std::int64_t m_sequence{0};
    std::string m_head;  // VCALENDAR … ORGANIZER
    std::string m_tail;  // END:VEVENT, END:VCALENDAR
};

// A file name for an attendee's invitation, safe on any file system: the email lowercased with
// everything outside [a-z0-9._-] replaced by '_', never starting with '.' or '-', at most 64
// characters, then '-' and a hash of the whole address so that addresses that differ only in
// replaced characters (or beyond the cut) still get different names.
// "Jane.Doe@Example.org" → "jane.doe_example.org-<8 hex digits>.ics"
std::string invitation_file_name(std::string_view email, std::string_view extension);

}  // namespace convene::ics
