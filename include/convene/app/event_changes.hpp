#pragma once
// The small changes to one event that commands make in one transaction each: cancelling it,
// deleting it, and recording a person's arrival. Each loads the event under the write lock,
// decides by the rules, writes, commits, and says what happened for the caller to word.
#include <optional>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/domain/registration.hpp"
#include "convene/domain/time.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct CancelResult {
    domain::Event event;            // as it is now
    bool already_cancelled{false};  // nothing was written
};

// Status cancelled and a higher SEQUENCE, so that calendars receive a CANCEL.
CancelResult cancel_event(store::Database& db, std::string_view event_name, domain::Instant now);

// Removes the event with its agenda and registrations; returns it as it was.
domain::Event delete_event(store::Database& db, std::string_view event_name);

enum class CheckIn {
    recorded,         // arrived now
    already,          // the first arrival counts; a second scan changes nothing
    cleared,          // --undo of a check-in
    was_not_checked,  // --undo of nobody's check-in
};

struct CheckInResult {
    domain::Event event;
    domain::Registration registration;  // as it is now
    CheckIn outcome{CheckIn::recorded};
};

// Records (or with `undo` clears) the arrival of `who` (email or registration id). A cancelled
// registration is a ConflictError; a waitlisted one is recorded (the caller may warn).
CheckInResult check_in(store::Database& db, std::string_view event_name, std::string_view who,
                       bool undo, domain::Instant now);

}  // namespace convene::app
