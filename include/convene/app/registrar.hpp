#pragma once
// Signing people up and off an event: duplicates, seats and the waiting list, shared by
// `register` (one person or a whole file) and `unregister`. The caller owns the transaction.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "convene/domain/capacity.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/registration_request.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

// What to do when the email is already registered (or waitlisted) for the event.
enum class OnDuplicate { error, skip, update };

// Why a person was not added, for the caller to word (exit 4 on the command line, which
// names the flag that would have let them in).
struct Refusal {
    enum class Reason {
        cancelled_event,  // nobody registers for a cancelled event
        duplicate,        // the email is taken, with OnDuplicate::error
        full,             // the event is full and the waiting list is off
    };
    Reason reason;
    std::string message;  // "ana@x.org is already registered for briefing (id 3)"
    // With `duplicate`: the registration that has the address, so that an import can name the
    // earlier line of its own file rather than an id its refusal rolls back.
    std::int64_t existing_id{0};
};

struct Outcome {
    enum class Kind { added, updated, skipped };
    Kind kind{Kind::added};
    domain::Registration registration;  // as stored now
    std::int64_t waitlist_position{0};  // 1-based when just waitlisted
    // Waiting people moved into free seats before this one was placed (see promote), or into
    // the seat this update gave up.
    std::vector<domain::Registration> promoted{};
    // Updated from registered or waitlisted to cancelled: the request cancels the person.
    bool withdrawn{false};
};

class Registrar {
public:
    // Counts the event's seats once; the counter follows every change made through here.
    Registrar(store::RegistrationStore& store, const domain::Event& event, domain::Instant now,
              OnDuplicate on_duplicate, bool no_waitlist);
    // With the seats counted already, under the same write lock (EventStore::get_with_seats).
    Registrar(store::RegistrationStore& store, const domain::Event& event, domain::Instant now,
              OnDuplicate on_duplicate, bool no_waitlist, store::SeatCounts seats);

    // Adds (or, per OnDuplicate, skips or updates) a normalised request. Seats that are free
    // go to the waiting list first (promote), so a newcomer never jumps the queue. A cancelled
    // registration with the same email is signed up again: as a new registration (a new id, a
    // new time, a new place, so that the queue keeps the order people came in), keeping the
    // person's SEQUENCE steps; a cancelled request for a cancelled address is a duplicate with
    // OnDuplicate::skip and update (an export read again). With OnDuplicate::update, a
    // cancelled request for a registered or waitlisted address cancels them, and the waiting
    // list moves into the seat freed (a platform's export read again after a cancellation). A
    // refused person is not written (waiting people may have moved into free seats before the
    // refusal: they keep them).
    std::variant<Outcome, Refusal> add(const domain::RegistrationRequest& request);

    // Cancels (the record stays) and promotes into the seat it frees. Returns the promoted;
    // empty when `registration` was cancelled already.
    std::vector<domain::Registration> cancel(const domain::Registration& registration);

    // The one place where the waiting list moves: waiting people take the seats free now, in
    // the order they joined (registered_at, then id), as many as SeatCounter::promotable says.
    // Nobody moves in a cancelled event. Used after a cancellation, a raised capacity
    // (update-event) and before placing a newcomer. Returns the promoted, in order.
    std::vector<domain::Registration> promote();

    const domain::SeatCounter& seats() const { return m_seats; }

    // The requests to be added next, in one batch: the store reads the people of the event
    // they may name at once (RegistrationStore::look_ahead), not one at a time.
    void look_ahead(std::span<const domain::RegistrationRequest* const> requests);

private:
    // Adds a person whose address the event does not have yet, with one INSERT and no look-up
    // before it; nothing when the address is taken or the look-up could change the outcome.
    std::optional<Outcome> add_new(const domain::RegistrationRequest& request);
    // OnDuplicate::update: the request's values over `existing`, and its cancellation.
    Outcome update(domain::Registration existing, const domain::RegistrationRequest& request);

    store::RegistrationStore& m_store;
    const domain::Event& m_event;
    domain::Instant m_now;
    OnDuplicate m_on_duplicate;
    bool m_no_waitlist;
    domain::SeatCounter m_seats;
    std::vector<std::string> m_keys;  // look_ahead's, kept for their capacity
};

}  // namespace convene::app
