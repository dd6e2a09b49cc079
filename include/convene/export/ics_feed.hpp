#pragma once
// The calendar to import or subscribe to (`export-ics EVENT…`): no METHOD, no ORGANIZER, no
// ATTENDEE (ICS.md rule 11), a VEVENT per event and, on request, per timed agenda item.
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"

namespace convene::ics {

struct FeedEntry {
    domain::Event event;
    std::optional<domain::Event> parent;
    std::vector<domain::AgendaItem> agenda;  // in order; listed in DESCRIPTION
};

struct FeedOptions {
    std::string name;                             // the calendar's NAME
    domain::Instant stamp{};                      // DTSTAMP: the export time
    bool with_agenda{false};                      // a VEVENT per timed agenda item too
    std::vector<std::chrono::seconds> reminders;  // a VALARM per reminder in each event
};

// The name a calendar program shows for the feed (NAME, X-WR-CALNAME), what a subscriber
// would call it: the event's title; a programme's (a parent and its sessions, or sessions of
// one parent) is the parent's; events that all list one organisation first are that
// organisation's; else `publisher` (organiser.name), else none: the calendar program then
// names it after the file or address, as it does any unnamed calendar.
std::string feed_name(std::span<const FeedEntry> entries, std::string_view publisher);

// VCALENDAR, one VTIMEZONE per zone used (covering every event and item in it), then the
// VEVENTs in the order of `entries`.
void write_feed(std::ostream& out, std::span<const FeedEntry> entries, const FeedOptions& options);

}  // namespace convene::ics
