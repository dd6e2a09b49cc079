#include "convene/app/rsvp.hpp"

#include <optional>

#include <fmt/format.h>

#include "convene/domain/invitation_ledger.hpp"
#include "convene/error.hpp"
#include "convene/io/itip_reply.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

namespace {

// The invitations the person may be answering: from the last one `send` gave them up to the
// one convene would write for them now (export-ics --invitations, which the ledger does not
// see). Refused with the reason when they hold none.
struct Held {
    std::int64_t lowest{0};
    std::int64_t highest{0};
};

Held held_invitations(const domain::Event& event, const domain::Registration& registration,
                      const std::optional<domain::LastSent>& last, const std::string& source) {
    const auto& who = registration.email;
    if (last && last->method == domain::Itip::cancel) {
        throw ConflictError(
            fmt::format("{}: {} was sent a cancellation (sequence {}); the reply is not recorded",
                        source, who, last->sequence));
    }
    if (registration.status == domain::RegistrationStatus::cancelled) {
        throw ConflictError(fmt::format("{}: {} unregistered from {}; the reply is not recorded",
                                        source, who, event.slug),
                            "register them again first if they are coming after all");
    }
    if (registration.status == domain::RegistrationStatus::waitlisted && !last) {
        throw ConflictError(
            fmt::format("{}: {} is on the waiting list of {} and was never invited; the reply is "
                        "not recorded",
                        source, who, event.slug));
    }
    const auto now = domain::sequence_for(event, registration, domain::Itip::request, last);
    return {last ? last->sequence : now, now};
}

void check_sequence(const io::ItipReply& reply, const Held& held, const std::string& source) {
    if (reply.sequence < held.lowest) {
        throw ConflictError(
            fmt::format("{}: the reply answers sequence {}, but {} was since sent sequence {}; "
                        "it is not recorded",
                        source, reply.sequence, reply.attendee, held.lowest),
            "the attendee's answer to the latest invitation will come separately");
    }
    if (reply.sequence > held.highest) {
        throw ConflictError(
            fmt::format("{}: the reply answers sequence {}, which {} was never sent (their "
                        "invitation has sequence {}); it is not recorded",
                        source, reply.sequence, reply.attendee, held.highest));
    }
}

}  // namespace

RsvpOutcome record_reply(store::Database& db, const RsvpRequest& request) {
    store::EventStore events(db);
    auto event = events.get(request.event);
    const auto reply = io::parse_reply(request.input, request.source);
    if (reply.uid != event.uid) {
        throw ConflictError(fmt::format("{}: the reply is for another event (UID {}), not {}",
                                        request.source, reply.uid, event.slug),
                            "nothing was recorded");
    }
    store::RegistrationStore registrations(db);
    auto registration = registrations.find_by_email(event.id, reply.attendee);
    if (!registration) {
        throw NotFoundError(fmt::format("{}: {} is not registered for {}", request.source,
                                        reply.attendee, event.slug),
                            "nothing was recorded");
    }
    store::LedgerStore ledger(db);
    const auto last = ledger.last_sent(event.id, reply.attendee);
    check_sequence(reply, held_invitations(event, *registration, last, request.source),
                   request.source);
    if (const auto previous = ledger.reply(event.id, reply.attendee);
        previous && (previous->sequence > reply.sequence || (previous->sequence == reply.sequence &&
                                                             previous->replied_at > reply.stamp))) {
        throw ConflictError(
            fmt::format("{}: an answer newer than this one is already recorded "
                        "for {}; it is not recorded",
                        request.source, reply.attendee));
    }
    ledger.record_reply(event.id, reply.attendee,
                        {.partstat = reply.partstat,
                         .sequence = reply.sequence,
                         .replied_at = reply.stamp,
                         .received_at = request.received_at});
    return {std::move(event), std::move(*registration), reply.partstat};
}

}  // namespace convene::app
