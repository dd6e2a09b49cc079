#pragma once
// Creating an event and changing its fields, behind create-event and update-event (the event
// file has its own workflow, app/event_file.hpp). The values come as a domain::EventInput,
// applied under the write lock by domain::apply; the parent it names is looked up here.
#include <optional>
#include <string_view>

#include "convene/app/before_commit.hpp"
#include "convene/app/register.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/event_input.hpp"
#include "convene/domain/problem.hpp"
#include "convene/domain/time.hpp"
#include "convene/store/database.hpp"
#include "convene/store/event_store.hpp"

namespace convene::app {

// A new event: a free slug from its title unless the input gives one, a fresh UID. A value the
// rules refuse comes back as a problem, and nothing is written.
domain::Checked<domain::Event> create_event(store::Database& db, const domain::EventInput& input,
                                            const domain::EventDefaults& defaults,
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

// The event with `input` applied. Its SEQUENCE grows when calendars must know; a timed agenda
// follows a moved start; a raised capacity promotes from the waiting list in order. A slug
// taken by another event is a ConflictError.
domain::Checked<EventUpdate> update_event(store::Database& db, std::string_view event_name,
                                          const domain::EventInput& input,
                                          const domain::EventDefaults& defaults,
                                          domain::Instant now);

// `create-event --slug S --replace`, so that a setup script can run again: the event with the
// slug `input` names (domain::slug_for) gets `input` as update_event would give it (nothing
// written, SEQUENCE unchanged, when it is as given already), or it is created with that slug.
domain::Checked<EventUpdate> create_or_update_event(
    store::Database& db, const domain::EventInput& input, const domain::EventDefaults& defaults,
    domain::Instant now, const BeforeCommit<EventUpdate>& before_commit = {});

// The one parent rule of flags and event files: `event` becomes part of the event `name`
// names (a slug or an id). A name that matches no event is a problem marked not_found; a
// parent that is `event` or part of it is a problem too; both are about "parent".
std::optional<domain::Problem> attach_parent(std::string_view name, domain::Event& event,
                                             store::EventStore& events);

}  // namespace convene::app
