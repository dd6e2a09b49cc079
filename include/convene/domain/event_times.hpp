#pragma once
// The one rule for an event's times (SPEC §4), shared by create-event and update-event flags
// and by event files: timed (start with end or duration) or all-day (date, end-date), never
// both; wall times read in the event's zone, DST gaps and folds refused; the end after the
// start. Texts are as a person wrote them ("2022-04-13T15:00", "16:00", "1h30m").
#include <optional>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

struct TimeInput {
    std::optional<std::string> start;
    std::optional<std::string> end;       // a date-time, or a bare time on the start's day
    std::optional<std::string> duration;  // instead of end
    std::optional<std::string> date;      // all-day: first day
    std::optional<std::string> end_date;  // all-day: last day, inclusive
    std::optional<std::string> timezone;  // IANA name
};

// Applies what `input` gives to `event`. A new event (id 0) must get a time; an existing one
// keeps what is not given: moving its start keeps its length, a new zone alone keeps its wall
// times. Without a zone the event's own is used, else `default_zone`. Problems name the field
// (start, end, duration, date, end-date, timezone), or none when the time is missing whole.
std::optional<Problem> apply_times(const TimeInput& input, Event& event,
                                   std::string_view default_zone);

}  // namespace convene::domain
