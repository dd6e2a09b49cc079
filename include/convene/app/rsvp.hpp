#pragma once
// convene rsvp: record an attendee's answer to an invitation (an iTIP REPLY) for one event.
// A reply that is not for this event, from someone not registered, or to an invitation older
// than the one they were last sent is reported (a typed error) and not recorded.
#include <string>

#include "convene/domain/event.hpp"
#include "convene/domain/registration.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct RsvpRequest {
    std::string event;              // slug or id
    std::string input;              // the .ics or e-mail, whole
    std::string source;             // how messages name the input ("<stdin>", a path)
    domain::Instant received_at{};  // recorded with the reply
};

struct RsvpOutcome {
    domain::Event event;
    domain::Registration registration;
    std::string partstat;  // ACCEPTED, DECLINED, TENTATIVE, DELEGATED
};

RsvpOutcome record_reply(store::Database& db, const RsvpRequest& request);

}  // namespace convene::app
