#pragma once
// export-ics --invitations DIR / --attendee EMAIL [--eml]: iTIP messages for the people
// registered for one event, streamed from the registration store one person at a time.
#include <optional>
#include <string>

#include "convene/cli/context.hpp"
#include "convene/domain/registration.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/invitation.hpp"

namespace convene::cli {

struct InvitationRequest {
    std::string folder;    // --invitations DIR, or empty
    std::string attendee;  // --attendee EMAIL, or empty
    std::string output;    // -o FILE for --attendee, empty or "-" for stdout
    bool eml{false};
};

// Who gets what: registered people an invitation (a cancellation when the event is cancelled),
// cancelled registrations a cancellation, the waiting list nothing yet.
std::optional<ics::Method> method_for(const domain::Event& event,
                                      domain::RegistrationStatus status);

void write_invitations(const InvitationRequest& request, const domain::Event& event,
                       const ics::EventDetails& details, Context& context);

}  // namespace convene::cli
