#include "convene/app/rsvp.hpp"

#include <fmt/format.h>

#include "convene/domain/invitation_ledger.hpp"
#include "convene/error.hpp"
#include "convene/io/itip_reply.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

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
    // The invitation they should be answering: the last one sent, or the one the file
    // exports write when nothing was sent through convene.
    const auto current =
        last ? last->sequence
             : domain::sequence_for(event, *registration, domain::Itip::request, std::nullopt);
    if (last && last->method == domain::Itip::cancel) {
        throw ConflictError(
            fmt::format("{}: {} was sent a cancellation (sequence {}); the reply is not recorded",
                        request.source, reply.attendee, last->sequence));
    }
    if (reply.sequence < current) {
        throw ConflictError(
            fmt::format("{}: the reply answers sequence {}, but {} was since sent sequence {}; "
                        "it is not recorded",
                        request.source, reply.sequence, reply.attendee, current),
            "the attendee's answer to the latest invitation will come separately");
    }
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
