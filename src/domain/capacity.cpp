#include "convene/domain/capacity.hpp"

#include <algorithm>

namespace convene::domain {

SeatCounter::SeatCounter(std::optional<std::int64_t> capacity, std::int64_t registered,
                         std::int64_t waitlisted)
    : m_capacity(capacity), m_registered(registered), m_waitlisted(waitlisted) {}

std::optional<std::int64_t> SeatCounter::seats_free() const {
    if (!m_capacity) return std::nullopt;
    // A capacity lowered below the registered count frees nothing (nobody is demoted).
    return std::max<std::int64_t>(0, *m_capacity - m_registered);
}

Placement SeatCounter::place() const {
    const auto free = seats_free();
    if (m_waitlisted == 0 && (!free || *free > 0)) return {RegistrationStatus::registered, 0};
    return {RegistrationStatus::waitlisted, m_waitlisted + 1};
}

std::int64_t SeatCounter::promotable() const {
    const auto free = seats_free();
    return free ? std::min(*free, m_waitlisted) : m_waitlisted;
}

void SeatCounter::add(RegistrationStatus status) {
    if (status == RegistrationStatus::registered) ++m_registered;
    if (status == RegistrationStatus::waitlisted) ++m_waitlisted;
}

void SeatCounter::remove(RegistrationStatus status) {
    if (status == RegistrationStatus::registered) --m_registered;
    if (status == RegistrationStatus::waitlisted) --m_waitlisted;
}

void SeatCounter::change(RegistrationStatus from, RegistrationStatus to) {
    remove(from);
    add(to);
}

}  // namespace convene::domain
