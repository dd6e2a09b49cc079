#include "convene/export/event_ics.hpp"

#include <algorithm>
#include <string>

#include "convene/domain/time.hpp"
#include "convene/export/vtimezone.hpp"
#include "convene/l10n/locale.hpp"

namespace convene::ics {

namespace {

using namespace std::chrono_literals;

// date-tz reports a zone without transitions as one period from before year -32000 to after
// year 32000; anything with a transition inside recorded history is a real local zone.
constexpr auto k_far_past = date::sys_days{date::year{1800} / 1 / 1};
constexpr auto k_far_future = date::sys_days{date::year{2200} / 1 / 1};

std::string_view status_value(domain::EventStatus status) {
    switch (status) {
        case domain::EventStatus::tentative: return "TENTATIVE";
        case domain::EventStatus::confirmed: return "CONFIRMED";
        case domain::EventStatus::cancelled: return "CANCELLED";
    }
    return "CONFIRMED";
}

void write_instant(Writer& writer, std::string_view name, domain::Instant instant,
                   const date::time_zone& zone) {
    if (is_utc_zone(zone)) {
        writer.utc_date_time(name, instant);
    } else {
        writer.local_date_time(name, instant, zone);
    }
}

void write_times(Writer& writer, const domain::Event& event) {
    if (event.all_day) {
        // DATE values carry no zone; DTEND is the day after the last one (RFC 5545 §3.6.1).
        writer.date_value("DTSTART", event.start_date);
        writer.date_value("DTEND", event.end_date + date::days{1});
        return;
    }
    const auto& zone = domain::known_zone(event.timezone);
    write_instant(writer, "DTSTART", event.start, zone);
    write_instant(writer, "DTEND", event.end, zone);
}

// Where the event is, as LOCATION says it: a session's room with its venue, or its parent's
// ("Salle A, Centre des congrès"); else the venue; else the meeting link.
std::string location_of(const domain::Event& event, const domain::Event* parent,
                        const std::string& link) {
    if (event.room.empty()) return event.venue.empty() ? link : event.venue;
    const std::string& venue = event.venue.empty() && parent ? parent->venue : event.venue;
    return venue.empty() ? event.room : event.room + ", " + venue;
}

// LOCATION, URL and CONFERENCE: Outlook, Apple and Thunderbird ignore CONFERENCE, so the
// meeting link is also the LOCATION of an event without a venue (ICS.md rule 14). A public
// feed never carries the private join link: it only says the event is online.
void write_place(Writer& writer, const domain::Event& event, const domain::Event* parent,
                 Audience audience, std::string_view locale) {
    const bool is_public = audience == Audience::public_feed;
    const std::string& link = is_public ? event.online_url : domain::meeting_link(event);
    std::string location = location_of(event, parent, link);
    if (location.empty() && is_public && domain::has_private_link_only(event)) {
        location = l10n::Locale(locale.empty() ? event.locale : locale).tr("Online");
    }
    if (!location.empty()) writer.text("LOCATION", location);
    const std::string& first = is_public ? event.registration_url : link;
    const std::string& second = is_public ? link : event.registration_url;
    const std::string& url = first.empty() ? second : first;
    if (!url.empty()) writer.uri("URL", url);
    if (!link.empty()) {
        writer.uri("CONFERENCE", {{"VALUE", "URI"}, {"FEATURE", "VIDEO"}, {"LABEL", "Join online"}},
                   link);
    }
}

void write_revision(Writer& writer, const domain::Event& event, const Revision& revision) {
    writer.property("SEQUENCE", std::to_string(revision.sequence));
    if (revision.with_status) writer.property("STATUS", status_value(event.status));
}

void write_history(Writer& writer, const domain::Event& event) {
    writer.utc_date_time("CREATED", event.created_at);
    writer.utc_date_time("LAST-MODIFIED", event.updated_at);
}

}  // namespace

Revision revision_of(const domain::Event& event) {
    return Revision{.sequence = event.sequence, .with_status = true};
}

void begin_calendar(Writer& writer, std::string_view name, std::string_view method) {
    writer.begin("VCALENDAR");
    // No version number: a new release must not change every exported file.
    writer.text("PRODID", "-//convene//convene//EN");
    writer.property("VERSION", "2.0");
    writer.property("CALSCALE", "GREGORIAN");
    if (!method.empty()) writer.property("METHOD", method);
    if (!name.empty()) {
        writer.text("NAME", name);
        writer.text("X-WR-CALNAME", name);
    }
}

bool is_utc_zone(const date::time_zone& zone) {
    const auto info = zone.get_info(domain::Instant{});
    return info.offset == 0s && info.begin < k_far_past && info.end > k_far_future;
}

void ZoneRanges::add(const domain::Event& event) {
    if (event.all_day) return;
    add(event.timezone, event.start, event.end);
}

void ZoneRanges::add(const domain::Event& event, const domain::AgendaItem& item) {
    if (!item.start) return;
    add(event.timezone, *item.start, *item.start + item.duration.value_or(0s));
}

void ZoneRanges::add(const std::string& zone_name, domain::Instant first, domain::Instant last) {
    const auto& zone = domain::known_zone(zone_name);
    if (is_utc_zone(zone)) return;
    // Keyed by the zone's own name, which is what TZID says: a link such as US/Eastern
    // resolves to America/New_York.
    auto [range, inserted] = m_ranges.try_emplace(zone.name(), Range{first, last});
    if (!inserted) {
        range->second.first = std::min(range->second.first, first);
        range->second.last = std::max(range->second.last, last);
    }
}

void ZoneRanges::write(Writer& writer) const {
    for (const auto& [name, range] : m_ranges) {
        write_vtimezone(writer, domain::known_zone(name), range.first, range.last);
    }
}

void write_event_properties(Writer& writer, const domain::Event& event, const EventDetails& details,
                            domain::Instant stamp, Audience audience, const Revision& revision) {
    writer.text("UID", event.uid);
    writer.utc_date_time("DTSTAMP", stamp);
    write_times(writer, event);
    write_revision(writer, event, revision);
    writer.text("SUMMARY", event.title);
    if (const auto description = event_description(event, details, audience);
        !description.empty()) {
        writer.text("DESCRIPTION", description);
    }
    write_place(writer, event, details.parent, audience, details.locale);
    if (details.parent) writer.text("RELATED-TO", {{"RELTYPE", "PARENT"}}, details.parent->uid);
    write_history(writer, event);
}

std::string trigger_before(std::chrono::seconds reminder) {
    const auto days = std::chrono::duration_cast<date::days>(reminder);
    const date::hh_mm_ss<std::chrono::seconds> time{reminder - days};
    std::string out = "-P";
    if (days.count() > 0) out += std::to_string(days.count()) + "D";
    if (time.to_duration().count() > 0 || days.count() == 0) {
        out += 'T';
        if (time.hours().count() > 0) out += std::to_string(time.hours().count()) + "H";
        if (time.minutes().count() > 0) out += std::to_string(time.minutes().count()) + "M";
        if (time.seconds().count() > 0 || time.to_duration().count() == 0) {
            out += std::to_string(time.seconds().count()) + "S";
        }
    }
    return out;
}

void write_alarms(Writer& writer, const domain::Event& event,
                  std::span<const std::chrono::seconds> reminders) {
    for (const auto reminder : reminders) {
        writer.begin("VALARM");
        writer.property("ACTION", "DISPLAY");
        writer.text("DESCRIPTION", event.title);  // required with DISPLAY (RFC 5545 §3.6.6)
        writer.property("TRIGGER", trigger_before(reminder));
        writer.end("VALARM");
    }
}

void write_event(Writer& writer, const domain::Event& event, const EventDetails& details,
                 domain::Instant stamp) {
    writer.begin("VEVENT");
    write_event_properties(writer, event, details, stamp, Audience::public_feed,
                           revision_of(event));
    // A cancelled event needs no reminder.
    if (event.status != domain::EventStatus::cancelled) {
        write_alarms(writer, event, details.reminders);
    }
    writer.end("VEVENT");
}

void write_agenda_item(Writer& writer, const domain::Event& event, const domain::AgendaItem& item,
                       domain::Instant stamp) {
    if (!item.start) return;
    const auto& zone = domain::known_zone(event.timezone);
    writer.begin("VEVENT");
    writer.text("UID", item.uid);
    writer.utc_date_time("DTSTAMP", stamp);
    write_instant(writer, "DTSTART", *item.start, zone);
    if (item.duration && *item.duration > 0s) {
        write_instant(writer, "DTEND", *item.start + *item.duration, zone);
    }
    write_revision(writer, event, revision_of(event));
    writer.text("SUMMARY", event.title + " — " + item.title);
    if (const auto description = agenda_item_description(event, item); !description.empty()) {
        writer.text("DESCRIPTION", description);
    }
    write_place(writer, event, nullptr, Audience::public_feed, event.locale);
    writer.text("RELATED-TO", {{"RELTYPE", "PARENT"}}, event.uid);
    write_history(writer, event);
    writer.end("VEVENT");
}

}  // namespace convene::ics
