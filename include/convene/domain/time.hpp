#pragma once
// Time rules of SPEC §4: parsing wall times in an IANA zone (refusing DST gaps and folds),
// durations, dates, and formatting instants back in a zone with its abbreviation.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

// The zone of an IANA name, or the problem "unknown time zone 'X'" with a hint naming the
// nearest zones.
Checked<const date::time_zone*> find_zone(std::string_view name);
// A zone whose name was checked when it was stored (events, config). Should the system's tz
// database have lost it since, that is a StorageError, not a bug.
const date::time_zone& known_zone(std::string_view name);
// Every IANA zone name, sorted (for suggestions and shell completion).
std::vector<std::string> zone_names();

// The system zone when it can be told, else "UTC".
std::string system_zone_name();

// "2022-04-13T15:00", "2022-04-13 15:00[:00]" as a wall time in `zone`, or with an explicit
// offset ("+02:00", "+0200", "Z"), which needs no zone. A wall time in a DST gap or fold is a
// problem that says which and suggests an explicit offset.
Checked<Instant> parse_instant(std::string_view text, const date::time_zone& zone);

// An end: a bare time ("16:00", on the start's local day in `zone`) or a full date-time.
Checked<Instant> parse_end(std::string_view text, Instant start, const date::time_zone& zone);

// "1h30m", "90m", "2h", "45s", "1d": a positive duration.
Checked<std::chrono::seconds> parse_duration(std::string_view text);

// "2022-04-13".
Checked<Date> parse_date(std::string_view text);

// "04:00": a time of day from 00:00 to 23:59, as seconds after midnight; a problem names
// `field`.
Checked<std::chrono::seconds> parse_time_of_day(std::string_view text, const char* field);

// "2022-04-13"
std::string format_date(Date day);
// "2022-04-13T13:00:00Z"
std::string format_utc(Instant instant);
// format_utc onto the end of `out`: a list reuses one string for every row.
void append_utc(std::string& out, Instant instant);

// The wall-clock view of an instant in a zone.
struct LocalTime {
    Date day;  // local calendar date
    std::chrono::seconds time_of_day;
    std::string abbrev;           // "CEST"
    std::chrono::seconds offset;  // UTC offset
};
LocalTime to_local(Instant instant, const date::time_zone& zone);

// "2022-04-13T15:00:00+02:00"
std::string format_iso_local(Instant instant, const date::time_zone& zone);

// All-day range: "2022-04-11 – 2022-04-13" or a single "2022-04-11".
std::string format_date_range(Date first, Date last_inclusive);

// A time in a meeting as people say it: whole minutes, to the nearest (30 s up).
std::int64_t rounded_minutes(std::chrono::seconds time);

}  // namespace convene::domain
