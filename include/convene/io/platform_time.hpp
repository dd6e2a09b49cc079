#pragma once
// Times as registration and meeting platforms write them ("2022/04/04 9:14:03 AM UTC+2",
// "04/04/2022 09:14:03", "4/13/22, 2:55:03 PM"), read into instants with the shapes of
// io::Platform::times, so that an order or submission time can become `registered_at`.
//
// A shape is a pattern: %Y four-digit year, %y two-digit year (20yy), %m month, %d day, %H hour
// (0–23), %I hour (1–12) with %p AM/PM, %M minutes, %S seconds, %b an English month name
// ("Apr", "April"), %f an optional fraction of a second (dropped), %z an offset ("Z",
// "+02:00", "+0200", "+02") or UTC/GMT with or without one ("UTC+2", "GMT+5:30", "GMT").
// %m %d %H %I take one or two digits. A space matches one or more spaces; any other character
// matches itself.
//
//   auto at = io::parse_platform_time("2022/04/04 9:14:03 AM UTC+2",
//                                     {"%Y/%m/%d %I:%M:%S %p %z"}, zone);
//   if (!at) report(at.problem());  // names the shapes accepted, by example
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"

namespace convene::io {

// `text` read with the first of `formats` that fits it all. A time without an offset is a wall
// time in `zone` (the event's), refused in a DST gap or fold as domain::parse_instant refuses
// it. When no format fits, the problem names each accepted one by an example.
domain::Checked<domain::Instant> parse_platform_time(std::string_view text,
                                                     const std::vector<std::string_view>& formats,
                                                     const date::time_zone& zone);

// 13 April 2022, 15:00:00 at +02:00 written in `format`, for messages: "%Y/%m/%d %I:%M:%S %p %z"
// gives "2022/04/13 3:00:00 PM +02:00". The day is the 13th so that day-first and month-first
// shapes differ.
std::string time_example(std::string_view format);

}  // namespace convene::io
