#pragma once
// Creating an event and changing its fields, behind create-event and update-event (the event
// file has its own workflow, app/event_file.hpp). How the values are read (flags today) is the
// caller's `EventEdit`, run inside the write transaction; it may look events up (a parent).
#include <functional>
#include <string_view>

#include "convene/app/before_commit.hpp"
#include "convene/app/register.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"
#include "convene/domain/time.hpp"
#include "convene/store/database.hpp"
#include "convene/store/event_store.hpp"

namespace convene::app {

using EventEdit = std::function<void(domain::Event& event, store::EventStore& events)>;

// A new event: a free slug from its title unless the edit gave one, a fresh UID. A value the
// rules refuse comes back as a problem, and nothing is written.
domain::Checked<domain::Event> create_event(store::Database& db, const EventEdit& edit,
                                            domain::Instant now,
                                            const BeforeCommit<domain::Event>& before_commit = {});

struct EventUpdate {
    domain::Event before;
    domain::Event after;
    bool changed{true};      // false: the event was already as given
    int moved_items{0};      // timed agenda items moved with the event's start
    CapacityFollowUp seats;  // who a changed capacity promoted
    bool created{false};     // create_or_update_event made it
};

// The event after `edit`. Its SEQUENCE grows when calendars must know; a timed agenda follows
// a moved start; a raised capacity promotes from the waiting list in order. A slug taken by
// another event is a ConflictError.
domain::Checked<EventUpdate> update_event(store::Database& db, std::string_view event_name,
                                          const EventEdit& edit, domain::Instant now);

// `create-event --slug S --replace`, so that a setup script can run again: the event with slug
// `slug` gets `edit` as update_event would give it (nothing written, SEQUENCE unchanged, when
// it is as given already), or it is created with that slug.
domain::Checked<EventUpdate> create_or_update_event(
    store::Database& db, std::string_view slug, const EventEdit& edit, domain::Instant now,
    const BeforeCommit<EventUpdate>& before_commit = {});

}  // namespace convene::app
