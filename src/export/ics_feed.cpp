#include "convene/export/ics_feed.hpp"

#include "convene/export/event_ics.hpp"

namespace convene::ics {

namespace {

EventDetails details_of(const FeedEntry& entry, const FeedOptions& options) {
    return EventDetails{.parent = entry.parent ? &*entry.parent : nullptr,
                        .agenda = entry.agenda,
                        .reminders = options.reminders};
}

}  // namespace

void write_feed(std::ostream& out, std::span<const FeedEntry> entries, const FeedOptions& options) {
    Writer writer(out);
    begin_calendar(writer, options.name, "");
    // VTIMEZONEs first: RFC 5545 allows them anywhere, but some clients read the file once,
    // top to bottom, and need a zone before the first TZID that names it.
    ZoneRanges zones;
    for (const auto& entry : entries) {
        zones.add(entry.event);
        if (!options.with_agenda) continue;
        for (const auto& item : entry.agenda) zones.add(entry.event, item);
    }
    zones.write(writer);
    for (const auto& entry : entries) {
        write_event(writer, entry.event, details_of(entry, options), options.stamp);
        if (!options.with_agenda) continue;
        for (const auto& item : entry.agenda) {
            write_agenda_item(writer, entry.event, item, options.stamp);
        }
    }
    writer.end("VCALENDAR");
}

}  // namespace convene::ics
