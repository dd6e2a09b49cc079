#pragma once
// A programme's days as pretalx counts them (its `day_change`): a day runs from the day
// change (04:00 local by default) to the next one, so a session that starts or ends after
// midnight belongs to the evening before. export-schedule's days and `show PARENT`'s day
// headings both come from here, so they never disagree.
#include <chrono>
#include <utility>

#include <date/tz.h>

#include "convene/domain/time.hpp"

namespace convene::domain {

class DayClock {
public:
    // `first` is the programme's first day: nothing is ever counted before it.
    DayClock(const date::time_zone& zone, std::chrono::seconds day_change, Date first)
        : m_zone(zone), m_day_change(day_change), m_first(first) {}

    // The programme day `instant` falls on.
    Date day_of(Instant instant) const;
    // Where `day` begins and ends (its day change and the next).
    std::pair<Instant, Instant> window(Date day) const;

private:
    const date::time_zone& m_zone;
    std::chrono::seconds m_day_change;
    Date m_first;
};

// The instant a local wall time of `day` names; in a DST gap the time after it.
Instant local_instant(Date day, std::chrono::seconds time, const date::time_zone& zone);

}  // namespace convene::domain
