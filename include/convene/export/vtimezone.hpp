#pragma once
// VTIMEZONE components (RFC 5545 §3.6.5) built from the system tz database, so that a
// DTSTART;TZID=… in the same file means the same instant to every client (ICS.md rule 9).
#include <chrono>
#include <string>
#include <vector>

#include <date/tz.h>

#include "convene/domain/event.hpp"
#include "convene/export/ics_writer.hpp"

namespace convene::ics {

// One STANDARD or DAYLIGHT sub-component: the zone's rules from one transition onwards.
struct Observance {
    bool daylight{false};
    domain::Instant start{};             // the transition, as a UTC instant
    std::chrono::seconds offset_from{};  // UTC offset before it
    std::chrono::seconds offset_to{};    // UTC offset after it
    std::string name;                    // "CEST"
};

// The transitions in force from `first` to `last`, oldest first: the one that started the
// period containing `first`, then every later one up to `last`. The range is widened to whole
// UTC calendar years, so a zone with DST always gets both STANDARD and DAYLIGHT (Outlook wants
// both) and the component stays the same when an event moves within its year. A zone that
// never changed offset gets one STANDARD observance from 1970.
std::vector<Observance> observances(const date::time_zone& zone, domain::Instant first,
                                    domain::Instant last);

// BEGIN:VTIMEZONE … END:VTIMEZONE for `zone` covering [first, last]; TZID is zone.name().
// Each observance is written with its own DTSTART (no RRULE): exact for the covered range and
// the same output for the same tz database.
void write_vtimezone(Writer& writer, const date::time_zone& zone, domain::Instant first,
                     domain::Instant last);

}  // namespace convene::ics
