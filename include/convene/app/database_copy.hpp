#pragma once
// Moving events between databases (`convene db copy`): a SQLite file and a team's
// PostgreSQL, either way. Each event comes with its languages, organisers, agenda,
// registrations (custom fields, status, times), the invitation ledger and the replies; UIDs
// and SEQUENCE numbers are kept, so calendars that hold the invitations see the same events.
#include <cstdint>
#include <string>
#include <vector>

#include "convene/store/database.hpp"

namespace convene::app {

struct CopyRequest {
    std::vector<std::string> events;  // slugs or ids in the source; every event when empty
};

struct CopiedEvent {
    std::string slug;
    std::size_t agenda_items{0};
    std::size_t registrations{0};
    std::size_t messages{0};
    std::size_t replies{0};
};

// Reads `from`, writes `to` in one transaction: all of it or nothing. An event whose slug or
// UID the target holds already is a ConflictError; a named event missing in the source is a
// NotFoundError. A parent event that is not copied and not in the target is left out (the
// copy stands alone).
std::vector<CopiedEvent> copy_events(store::Database& from, store::Database& to,
                                     const CopyRequest& request);

}  // namespace convene::app
