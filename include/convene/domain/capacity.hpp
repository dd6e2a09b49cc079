#pragma once
// Seats and the waiting list, as pure rules: who gets a seat, who waits and where, and how
// many waiting people move up when seats free. Commands count once, then keep the tally here,
// so a bulk import of 100,000 rows does not count the table for each row.
#include <cstdint>
#include <optional>

#include "convene/domain/registration.hpp"

namespace convene::domain {

// Where a new registration goes.
struct Placement {
    RegistrationStatus status{RegistrationStatus::registered};
    std::int64_t waitlist_position{0};  // 1-based when waitlisted, 0 otherwise
};

class SeatCounter {
public:
    // `capacity` empty means unlimited. Counts are the event's current registrations.
    SeatCounter(std::optional<std::int64_t> capacity, std::int64_t registered,
                std::int64_t waitlisted);

    // A seat while one is free and nobody waits, else the end of the waiting list: a newcomer
    // never takes a seat ahead of people waiting (callers promote them first, see promotable).
    Placement place() const;
    // Seats free now; empty when unlimited.
    std::optional<std::int64_t> seats_free() const;
    // How many waiting people move up now: as many as there are free seats (a capacity raised
    // with update-event frees several at once), all of them when there is no capacity.
    std::int64_t promotable() const;

    // Keep the tally as registrations enter, leave or change status.
    void add(RegistrationStatus status);
    void remove(RegistrationStatus status);
    void change(RegistrationStatus from, RegistrationStatus to);

    std::int64_t registered() const { return m_registered; }
    std::int64_t waitlisted() const { return m_waitlisted; }

private:
    std::optional<std::int64_t> m_capacity;
    std::int64_t m_registered;
    std::int64_t m_waitlisted;
};

}  // namespace convene::domain
