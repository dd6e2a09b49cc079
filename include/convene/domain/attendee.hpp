#pragma once
// One person of an event as the lists and the messages see them: their registration with what
// the rest of the database says about them. A view that borrows, made for one visit by
// app::AttendeeRows; what it points to lives until the visit returns.
#include <cstdint>
#include <optional>

#include "convene/domain/invitation_ledger.hpp"
#include "convene/domain/registration.hpp"

namespace convene::domain {

struct Attendee {
    const Registration& registration;
    // Their place in the waiting list (1 comes next), when they wait and it was asked for.
    std::optional<std::int64_t> waitlist_position{};
    // The last message the ledger holds for them, when asked for; null when none.
    const LastSent* last_sent{nullptr};
    // Their answer to an invitation, when asked for; null when none.
    const Reply* reply{nullptr};
};

// The last message as the ledger's rules (owed_message, sequence_for) take it: a copy.
inline std::optional<LastSent> last_sent_of(const Attendee& attendee) {
    if (!attendee.last_sent) return std::nullopt;
    return *attendee.last_sent;
}

}  // namespace convene::domain
