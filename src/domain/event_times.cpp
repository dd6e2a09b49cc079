#include "convene/domain/event_times.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"

namespace convene::domain {

namespace {

// The same wall-clock time, read again in another zone (a new zone given alone).
Checked<Instant> same_wall_time(Instant instant, const date::time_zone& from,
                                const date::time_zone& to) {
    const auto local = to_local(instant, from);
    const auto text =
        fmt::format("{}T{}", format_date(local.day), date::format("%T", local.time_of_day));
    return parse_instant(text, to);
}

std::optional<Problem> apply_all_day(const TimeInput& input, Event& event) {
    if (!input.date && !event.all_day) {
        return Problem{"end-date", "an end date needs a first day (date) too", {}};
    }
    const auto old_length = event.all_day ? event.end_date - event.start_date : date::days{0};
    if (input.date) {
        auto first = parse_date(*input.date);
        if (!first) return Problem(first.problem()).about("date");
        event.start_date = *first;
    }
    if (input.end_date) {
        auto last = parse_date(*input.end_date);
        if (!last) return Problem(last.problem()).about("end-date");
        event.end_date = *last;
    } else if (input.date) {
        event.end_date = event.start_date + old_length;
    }
    if (event.end_date < event.start_date) {
        return Problem{
            input.end_date ? "end-date" : "date", "the end date is before the start date", {}};
    }
    event.all_day = true;
    event.start = event.end = {};
    return std::nullopt;
}

std::optional<Problem> apply_timed(const TimeInput& input, Event& event, bool is_new,
                                   const date::time_zone& zone) {
    if (input.end && input.duration) {
        return Problem{"duration", "give an end or a duration, not both", {}};
    }
    if (!input.start && (is_new || event.all_day)) {
        return Problem{
            input.end ? "end" : "duration", "a start is needed with an end or duration", {}};
    }
    Instant start = event.start;
    if (input.start) {
        auto parsed = parse_instant(*input.start, zone);
        if (!parsed) return Problem(parsed.problem()).about("start");
        start = *parsed;
    }
    Instant end;
    if (input.end) {
        auto parsed = parse_end(*input.end, start, zone);
        if (!parsed) return Problem(parsed.problem()).about("end");
        end = *parsed;
    } else if (input.duration) {
        auto length = parse_duration(*input.duration);
        if (!length) return Problem(length.problem()).about("duration");
        end = start + *length;
    } else if (!is_new && !event.all_day) {
        end = start + (event.end - event.start);  // moving an event keeps its length
    } else {
        return Problem{"start", "the event needs an end", "give an end (16:00) or a duration (1h)"};
    }
    if (end <= start) {
        return Problem{input.end ? "end" : "duration", "the end is not after the start", {}};
    }
    event.all_day = false;
    event.start = start;
    event.end = end;
    event.start_date = event.end_date = {};
    return std::nullopt;
}

}  // namespace

std::optional<Problem> apply_times(const TimeInput& input, Event& event,
                                   std::string_view default_zone) {
    const bool is_new = event.id == 0;
    const bool timed = input.start || input.end || input.duration;
    const bool all_day = input.date || input.end_date;
    if (timed && all_day) {
        return Problem{input.date ? "date" : "end-date",
                       "give either start/end/duration or date/end-date, not both",
                       {}};
    }
    // A zone given now is checked as input; the event's own was checked when it was stored.
    const auto zone = input.timezone ? find_zone(*input.timezone)
                      : !event.timezone.empty()
                          ? Checked<const date::time_zone*>(&known_zone(event.timezone))
                          : find_zone(default_zone);
    if (!zone) return Problem(zone.problem()).about("timezone");

    if (all_day) {
        if (auto problem = apply_all_day(input, event)) return problem;
    } else if (timed) {
        if (auto problem = apply_timed(input, event, is_new, **zone)) return problem;
    } else if (is_new) {
        return Problem{{},
                       "the event needs a time",
                       "give a start and an end (or a duration), or a date for an all-day event"};
    } else if (input.timezone && !event.all_day && (*zone)->name() != event.timezone) {
        const auto& old_zone = known_zone(event.timezone);
        auto start = same_wall_time(event.start, old_zone, **zone);
        if (!start) return Problem(start.problem()).about("timezone");
        auto end = same_wall_time(event.end, old_zone, **zone);
        if (!end) return Problem(end.problem()).about("timezone");
        event.start = *start;
        event.end = *end;
    }
    event.timezone = std::string((*zone)->name());
    return std::nullopt;
}

}  // namespace convene::domain
