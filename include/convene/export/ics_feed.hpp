#pragma once
// The calendar to import or subscribe to (`export-ics EVENT…`): no METHOD, no ORGANIZER, no
// ATTENDEE (ICS.md rule 11), a VEVENT per event and, on request, per timed agenda item.
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
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

// VCALENDAR, one VTIMEZONE per zone used (covering every event and item in it), then the
// VEVENTs in the order of `entries`.
void write_feed(std::ostream& out, std::span<const FeedEntry> entries, const FeedOptions& options);

}  // namespace convene::ics
