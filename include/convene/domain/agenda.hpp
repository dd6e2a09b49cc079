#pragma once
// Agenda items of an event: ordered, with speakers and sub-points (SPEC §1).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

struct Speaker {
    std::string name;  // required
    std::string role;
    std::string organisation;

    bool operator==(const Speaker&) const = default;
};

struct AgendaItem {
    std::int64_t id{0};
    std::int64_t event_id{0};
    int position{0};  // 1-based, contiguous within an event
    // Its iCalendar UID (`export-ics --with-agenda`) and its number in frab schedules, fixed
    // when it is first stored and kept by `db copy`, unlike `id`. Empty or 0 until then: the
    // store gives a new UID and the next free number.
    std::string uid;
    std::int64_t schedule_id{0};
    // What a setup script calls the item (`add-agenda-item --key`), unique in its event; ""
    // for none. Adding an item with a key the event has updates that item instead.
    std::string key;
    std::string title;
    std::string description;
    std::string kind;  // "", talk, discussion, break, other
    std::optional<Instant> start;
    std::optional<std::chrono::seconds> duration;
    std::vector<Speaker> speakers;
    std::vector<std::string> points;

    bool operator==(const AgendaItem&) const = default;
};

// Appends `speaker` unless a person of that name is there already: someone who speaks at
// several items of an event is one of its speakers once.
void add_unique_speaker(std::vector<Speaker>& speakers, const Speaker& speaker);

// The kinds an item may have; "" means none.
inline constexpr std::string_view k_agenda_kinds[] = {"talk", "discussion", "break", "other"};

// "NAME; ROLE; ORGANISATION" (role and organisation optional, fields trimmed). "\;" stands for a
// ';' inside a field and "\\" for a backslash; any other backslash, a trailing one included, an
// empty name or a fourth field is a problem saying which.
Checked<Speaker> parse_speaker(std::string_view spec);

// A speaker written with commas where the fields take semicolons ("Ana Silva, Chair, IOM",
// which would be one long name): what to say, with the value rewritten. Nothing for one
// comma ("Doe, Jane", "Ana Silva, PhD") or when the spec has a semicolon.
std::optional<std::string> speaker_warning(std::string_view spec);

// "" or one of k_agenda_kinds; a problem naming the accepted values otherwise.
Checked<std::string> parse_agenda_kind(std::string_view text);

// An item's start: an offset from the event's start ("+15m", "+1d2h"), a bare wall time on the
// event's first day ("15:15"), or a date-time; wall times are read in the event's zone.
// All-day events start at local midnight of their first day.
Checked<Instant> parse_item_start(std::string_view text, const Event& event);

// Where the event begins and ends as instants (all-day: local midnights in its zone).
std::pair<Instant, Instant> event_bounds(const Event& event);

// The first invariant a stored item must keep that `item` breaks: a title, named speakers, no
// empty point, texts within their bounds, a length and a start within convene's limits. A
// speaker's or a point's problem names it by its place: "speakers[2].name", "points[1]".
std::optional<Problem> validate(const AgendaItem& item);

// True when a timed item changed in a way calendars must see (its own VEVENT of
// `export-ics --with-agenda`): time, length or title. The event's SEQUENCE then grows.
bool changes_calendar(const AgendaItem& before, const AgendaItem& after);

// Timed items that start before or end after the event, or overlap another timed item, as
// sentences for a warning. Not errors: a conference may run parallel tracks. With `position`
// set, only the problems of that item are reported.
std::vector<std::string> timing_problems(const Event& event, const std::vector<AgendaItem>& items,
                                         std::optional<int> position = std::nullopt);

}  // namespace convene::domain
