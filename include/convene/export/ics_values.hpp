#pragma once
// iCalendar value formats (RFC 5545 §3.3) for the times convene stores.
// The append_ forms write into a caller's buffer so that streaming thousands of invitations
// reuses one string instead of allocating per value.
#include <chrono>
#include <string>

#include <date/tz.h>

#include "convene/domain/event.hpp"

namespace convene::ics {

// "20220413T130000Z"
void append_utc_date_time(std::string& out, domain::Instant instant);
// "20220413T150000": the wall time of `instant` in `zone`, to go with TZID=zone.
void append_local_date_time(std::string& out, domain::Instant instant, const date::time_zone& zone);
// "20250330T020000": a wall time as it is, for DTSTART inside VTIMEZONE.
void append_local_date_time(std::string& out, date::local_seconds wall_time);
// "20220411"
void append_date(std::string& out, domain::Date day);
// "+0200", "-0930", "+053028": the UTC-OFFSET of TZOFFSETFROM/TZOFFSETTO.
void append_utc_offset(std::string& out, std::chrono::seconds offset);

}  // namespace convene::ics
