#pragma once
// Events as iCalendar: the VCALENDAR head, the VTIMEZONEs an export needs, the VEVENT of an
// event and of each timed agenda item. The published feed and the invitations both use these,
// so a calendar client hears the same thing about an event from either (ICS.md).
#include <chrono>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/export/ics_writer.hpp"

namespace convene::ics {

// What a VEVENT says about an event beyond its own fields.
struct EventDetails {
    const domain::Event* parent{nullptr};               // RELATED-TO, "Part of", a room's venue
    std::span<const domain::AgendaItem> agenda{};       // listed in DESCRIPTION, in order
    std::span<const std::chrono::seconds> reminders{};  // a VALARM this long before the start
    std::string locale{};  // DESCRIPTION's language (an attendee's); "" for the event's own
};

// Who reads the VEVENT decides which link URL carries (a property that holds one value):
// the public needs the registration page, an invitee the meeting link.
enum class Audience { public_feed, invitee };

// SEQUENCE and STATUS as a VEVENT states them. An invitation that withdraws one attendee needs
// a SEQUENCE above the event's and no STATUS (RFC 5546 §3.2.5), so callers may differ from
// the event's own values.
struct Revision {
    std::int64_t sequence{0};
    bool with_status{true};
};
Revision revision_of(const domain::Event& event);

// BEGIN:VCALENDAR, PRODID, VERSION, CALSCALE, then METHOD when not empty, then the calendar's
// NAME (RFC 7986, plus X-WR-CALNAME, the only name Google and Apple read) when not empty.
void begin_calendar(Writer& writer, std::string_view name, std::string_view method);

// Timed events and agenda items in a named zone need a VTIMEZONE covering their dates; all-day
// events and UTC need none. Collect everything first, then write one VTIMEZONE per zone, in
// name order so that the output does not depend on the order of the events.
class ZoneRanges {
public:
    void add(const domain::Event& event);
    void add(const domain::Event& event, const domain::AgendaItem& item);
    void write(Writer& writer) const;
    bool empty() const noexcept { return m_ranges.empty(); }

private:
    void add(const std::string& zone, domain::Instant first, domain::Instant last);
    struct Range {
        domain::Instant first;
        domain::Instant last;
    };
    std::map<std::string, Range, std::less<>> m_ranges;
};

// True for zones that have always been UTC (UTC, Etc/UTC, Zulu…): their times are written with
// a Z and no TZID (ICS.md rule 9).
bool is_utc_zone(const date::time_zone& zone);

// The properties of an event's VEVENT, inside a BEGIN:VEVENT the caller wrote, so that an
// invitation can add ORGANIZER and ATTENDEE: UID, DTSTAMP, DTSTART/DTEND, SEQUENCE, STATUS,
// SUMMARY, DESCRIPTION, LOCATION, URL, CONFERENCE, RELATED-TO, CREATED, LAST-MODIFIED.
void write_event_properties(Writer& writer, const domain::Event& event, const EventDetails& details,
                            domain::Instant stamp, Audience audience, const Revision& revision);

// One VALARM (ACTION:DISPLAY, the title as DESCRIPTION) per reminder, each `TRIGGER:-P1D`
// style, relative to the start; inside a VEVENT the caller began.
void write_alarms(Writer& writer, const domain::Event& event,
                  std::span<const std::chrono::seconds> reminders);

// "-P1D", "-PT30M", "-P1DT2H": a reminder as a TRIGGER duration before the start.
std::string trigger_before(std::chrono::seconds reminder);

// A whole VEVENT for the published feed.
void write_event(Writer& writer, const domain::Event& event, const EventDetails& details,
                 domain::Instant stamp);

// A VEVENT for a timed agenda item (item.start set): its own UID, "Event — Item" as SUMMARY,
// the speakers in DESCRIPTION, the event's place, links, SEQUENCE and STATUS, and RELATED-TO
// the event. Without a duration it is a point in time (DTSTART only).
void write_agenda_item(Writer& writer, const domain::Event& event, const domain::AgendaItem& item,
                       domain::Instant stamp);

// The readable DESCRIPTION of an event, in details.locale (else the event's): its description
// as plain text (links followed by their URL), the agenda with speakers, then the
// interpretation languages, meeting and registration links, organisers and parent event. An
// invitee, registered already, is not sent to the registration page.
std::string event_description(const domain::Event& event, const EventDetails& details,
                              Audience audience = Audience::public_feed);

// The DESCRIPTION of an agenda item's VEVENT, in the event's locale.
std::string agenda_item_description(const domain::Event& event, const domain::AgendaItem& item);

}  // namespace convene::ics
