#pragma once
// What each person is owed by `send`, and the SEQUENCE of every invitation convene writes, from
// what the ledger says they were last sent. Calendar clients apply an iTIP message only when
// its SEQUENCE is above the one they hold for the UID (RFC 5546 §2.1.5): a person who got a
// CANCEL with SEQUENCE 1 ignores a later REQUEST with SEQUENCE 0 (libical's icalclassify rates
// it OBSOLETE), so numbers are kept per person and never go back. The ledger also keeps each
// person's reply.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"
#include "convene/domain/registration.hpp"

namespace convene::domain {

// The iTIP methods convene sends (RFC 5546 §1.4).
enum class Itip { request, cancel };
std::string_view to_string(Itip method);  // "REQUEST", "CANCEL"
std::optional<Itip> parse_itip(std::string_view text);

// The last message the ledger holds for one person and one event.
struct LastSent {
    Itip method{Itip::request};
    std::int64_t sequence{0};          // the SEQUENCE that message carried
    std::int64_t event_sequence{0};    // the event's sequence when it was sent
    std::int64_t highest_sequence{0};  // the highest SEQUENCE ever sent to them for the event
    Instant sent_at{};
    std::string schedule;  // schedule_of the event as that message gave it
};

// A person's answer to an invitation (RFC 5546 REPLY), as the ledger keeps it.
struct Reply {
    std::string partstat;  // ACCEPTED, DECLINED, TENTATIVE, DELEGATED
    std::int64_t sequence{0};
    Instant replied_at{};
    Instant received_at{};
};

// A person's answer as `stats` counts it and `list attendees --reply` picks it: the reply's
// PARTSTAT, or none when no reply is recorded.
enum class ReplyKind { accepted, declined, tentative, delegated, none };
std::string_view to_string(ReplyKind kind);  // "accepted", …, "none"
// The PARTSTAT the ledger stores for it ("ACCEPTED", …); "" for none.
std::string_view partstat_of(ReplyKind kind);
Checked<ReplyKind> parse_reply_kind(std::string_view text);         // as a person writes it
std::optional<ReplyKind> reply_kind_of(std::string_view partstat);  // as the ledger keeps it

// Why a message is owed.
enum class SendReason {
    new_registration,        // registered, never sent anything
    event_changed,           // got a REQUEST for an earlier sequence of the event
    registered_again,        // got a CANCEL, registered again
    registration_cancelled,  // got a REQUEST, then unregistered
    event_cancelled,         // got a REQUEST, then the event was cancelled
};

struct OwedMessage {
    Itip method{Itip::request};
    std::int64_t sequence{0};
    SendReason reason{SendReason::new_registration};
    std::optional<std::int64_t> previous_sequence;  // the last SEQUENCE they got, if any
    bool new_time_or_place{false};                  // see new_time_or_place()
    // When new_time_or_place: the schedule_of the event as they last got it (event_as_sent),
    // so that the letter can say what the time or place was.
    std::string previous_schedule;
};

// "new registration", "event changed from sequence 2 to 3", …
std::string describe(const OwedMessage& message);

// The SEQUENCE of a `method` message to a person: the one already sent when it was the same
// message for the same state of the event; otherwise the event's plus the person's own
// steps (Registration::sequence_offset: their cancellations and new registrations), raised
// above everything the ledger says they got. Without a ledger (files written by export-ics)
// the offset alone keeps a person's numbers from going back.
std::int64_t sequence_for(const Event& event, const Registration& person, Itip method,
                          const std::optional<LastSent>& last);

// Whether a REQUEST to a person brings news of a change: the last message they got is a
// REQUEST for an earlier state of the event (its sequence grew since: the time, the place, the
// title or the status changed). Without a ledger entry nothing is known to have changed.
bool changed_since_invited(const Event& event, const std::optional<LastSent>& last);

// When and where the event is (its times or dates, zone, venue, online and join links, room), as
// one text the ledger keeps with each message: equal texts, same time and place.
std::string schedule_of(const Event& event);

// The event as a ledger `schedule` (schedule_of) gave it: `event` with the times or dates,
// zone, venue, online and join links and room of that text, so that a letter can say what they
// were (a text written before rooms were kept leaves the room as it is now).
// Nothing for a text that is not one (an empty schedule of an old ledger row). A schedule
// does not say whether it was all-day: numbers below 10^6 are days (up to the year 4707),
// others seconds (timed events after 12 January 1970).
std::optional<Event> event_as_sent(const Event& event, std::string_view schedule);

// Whether the person holds an invitation that gave another time or place: the letter then
// says so ("Nouvel horaire" / "Updated: new time"). A new title or status alone is a change
// (changed_since_invited) but not this one.
bool new_time_or_place(const Event& event, const std::optional<LastSent>& last);

// What `send` owes a person: a REQUEST to the registered who have none for the event's
// current sequence, a CANCEL to those sent a REQUEST who then unregistered or whose event was
// cancelled; nothing to the waiting list or to people never invited.
std::optional<OwedMessage> owed_message(const Event& event, const Registration& person,
                                        const std::optional<LastSent>& last);

}  // namespace convene::domain
