#include "convene/domain/day_clock.hpp"

namespace convene::domain {

Date DayClock::day_of(Instant instant) const {
    const auto local = to_local(instant, m_zone);
    // Before the day change, the day before; never before the programme's first day.
    if (local.time_of_day < m_day_change && local.day > m_first) return local.day - date::days{1};
    return local.day;
}

std::pair<Instant, Instant> DayClock::window(Date day) const {
    return {local_instant(day, m_day_change, m_zone),
            local_instant(day + date::days{1}, m_day_change, m_zone)};
}

Instant local_instant(Date day, std::chrono::seconds time, const date::time_zone& zone) {
    const date::local_seconds local{day.time_since_epoch() + time};
    const auto info = zone.get_info(local);
    if (info.result == date::local_info::nonexistent) return info.second.begin;
    return Instant{local.time_since_epoch() - info.first.offset};
}

}  // namespace convene::domain
