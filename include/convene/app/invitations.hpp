#pragma once
// export-ics --invitations DIR / --attendee EMAIL [--eml]: iTIP messages for the people
// registered for one event, streamed from the registration store one person at a time.
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "convene/app/invitation_messages.hpp"
#include "convene/app/progress.hpp"
#include "convene/domain/registration.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/invitation.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct InvitationRequest {
    std::string folder;        // --invitations DIR, or empty
    std::string attendee;      // --attendee EMAIL, or empty
    std::string output;        // -o FILE for --attendee, empty or "-" for `out`
    MessageSettings messages;  // organiser, stamp, --eml, the e-mail page's zones
};

struct InvitationSummary {
    std::size_t requests{0};
    std::size_t cancellations{0};
};

// Who gets what: registered people an invitation (a cancellation when the event is cancelled),
// cancelled registrations a cancellation, the waiting list nothing yet.
std::optional<domain::Itip> method_for(const domain::Event& event,
                                       domain::RegistrationStatus status);

// Writes every message into request.folder, each file whole or not at all, or the one of
// request.attendee to request.output (else `out`), each with the SEQUENCE the ledger calls
// for, so that files and `send` agree. NotFoundError for an attendee who is not
// registered, ConflictError for one on the waiting list.
InvitationSummary write_invitations(store::Database& db, const InvitationRequest& request,
                                    const domain::Event& event, const ics::EventDetails& details,
                                    std::ostream& out, Progress& progress);

}  // namespace convene::app
