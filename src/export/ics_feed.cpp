#include "convene/export/ics_feed.hpp"

#include <algorithm>

#include "convene/export/event_ics.hpp"

namespace convene::ics {

namespace {

EventDetails details_of(const FeedEntry& entry, const FeedOptions& options) {
    return EventDetails{.parent = entry.parent ? &*entry.parent : nullptr,
                        .agenda = entry.agenda,
                        .reminders = options.reminders};
}

// The event every entry is or is a session of, when there is one: the first entry's parent,
// or the first entry itself when the others are its sessions.
const domain::Event* programme_of(std::span<const FeedEntry> entries) {
    const auto& first = entries.front();
    const auto holds_all = [&](const domain::Event& root) {
        return std::all_of(entries.begin(), entries.end(), [&](const FeedEntry& entry) {
            return entry.event.id == root.id ||
                   (entry.event.parent_id && *entry.event.parent_id == root.id);
        });
    };
    if (first.parent && holds_all(*first.parent)) return &*first.parent;
    if (holds_all(first.event)) return &first.event;
    return nullptr;
}

// The organisation every entry lists first, when they agree.
const std::string* common_organiser(std::span<const FeedEntry> entries) {
    const auto& organisers = entries.front().event.organisers;
    if (organisers.empty()) return nullptr;
    for (const auto& entry : entries) {
        if (entry.event.organisers.empty() ||
            entry.event.organisers.front().name != organisers.front().name) {
            return nullptr;
        }
    }
    return &organisers.front().name;
}

}  // namespace

// Not "convene events" nor the first event's title: a subscriber sees the name beside every
// entry, and a program's name or one event's title would say what the feed is not.
std::string feed_name(std::span<const FeedEntry> entries, std::string_view publisher) {
    if (entries.empty()) return std::string(publisher);
    // A session alone is its own event, not its programme.
    if (entries.size() == 1) return entries.front().event.title;
    if (const auto* programme = programme_of(entries)) return programme->title;
    if (const auto* organiser = common_organiser(entries)) return *organiser;
    return std::string(publisher);
}

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
