#pragma once
// The event page that `convene show` prints: everything an announcement says, in text,
// Markdown, HTML or JSON, written in the event's locale (JSON keys stay English: they are for
// programs). Writers only: the data comes from the store.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/l10n/locale.hpp"

namespace convene::page {

// Where a published page (`convene publish`) links beside itself: the same page in its other
// languages, its calendar feeds, its sessions' and its parent's pages. All empty for `show`.
// Links are relative to the page, except the webcal:/https: feed links, which need the site's
// address (--base-url).
struct SiteLinks {
    struct Alternate {
        std::string locale;  // BCP 47, as hreflang and lang say it
        std::string href;
    };
    std::vector<Alternate> alternates;  // every language's page, this one included, in order
    std::string feed_webcal;            // this event's feed (calendar_link) as webcal:// …
    std::string feed_https;             // … and https://
    std::string programme_feed;         // a parent's: the feed of its whole programme
    std::string programme_webcal;       // the same as webcal://, with a base URL
    std::string schedule;               // a parent's frab XML schedule, "" for none
    std::string parent_page;            // a session's: its parent's page in this language
    std::map<std::int64_t, std::string> session_pages;  // each session's page, by id
};

struct EventPage {
    domain::Event event;
    std::optional<domain::Event> parent;
    std::vector<domain::AgendaItem> agenda;
    std::vector<domain::Event> sessions;  // the events that are part of this one, in order
    // The speakers of each session, by session id; a session missing here has none.
    std::map<std::int64_t, std::vector<domain::Speaker>> session_speakers;
    // When one programme day ends and the next begins, local time, as export-schedule's
    // --day-change: a session after midnight is listed under the evening before.
    std::chrono::seconds day_change{std::chrono::hours{4}};
    // Zones to show times in: the event's own first, then --tz and output.timezones.
    std::vector<std::string> zones;
    std::size_t width{0};  // text: wrap paragraphs to this many columns; 0 wraps nothing
    // html: the file name of the "add to calendar" .ics beside the page (linked as a relative
    // URL, percent-encoded); "" for none
    std::string calendar_link;
    SiteLinks site;
    // html: the language the event's own texts (title, description, agenda) are written in
    // when the page is in another (a published page in each language): they are marked with
    // it, so that screen readers read them with the right voice. "" for the page's own.
    std::string text_locale;
};

// A page listing several published events (`convene publish` of more than one event that is
// not part of another): each one's time, place and link, by programme day as write_html
// lists sessions. `page.event` gives the title ("" for the locale's "Events"), locale and
// zone; `page.sessions` the events.
void write_index_html(std::ostream& out, const EventPage& page);

void write_text(std::ostream& out, const EventPage& page);
void write_markdown(std::ostream& out, const EventPage& page);
void write_html(std::ostream& out, const EventPage& page);
nlohmann::json to_json(const EventPage& page);

// The agenda section alone (heading and items), as in write_text and write_html; nothing for
// an empty agenda. Invitation e-mails quote it.
void write_agenda_text(std::ostream& out, const EventPage& page, const l10n::Locale& locale);
void write_agenda_html(std::ostream& out, const EventPage& page, const l10n::Locale& locale);

// When the event happens in `zone`, in `locale`: "13 avril 2022, 15 h 00 – 16 h 00 (heure
// d’été d’Europe centrale)", the dates of an all-day event.
std::string when(const l10n::Locale& locale, const domain::Event& event, const std::string& zone);
// An item's time in the event's zone: "15 h 00 – 15 h 20", the start alone without a
// duration, the date first when the event spans several days; "" for an untimed item.
std::string item_time(const l10n::Locale& locale, const domain::AgendaItem& item,
                      const domain::Event& event);
// A parent's sessions grouped by programme day (domain::DayClock in the parent's zone, with
// page.day_change), days in order and each day's sessions in start order.
struct SessionDay {
    domain::Date day;
    std::vector<const domain::Event*> sessions;
};
std::vector<SessionDay> session_days(const EventPage& page);
// A session's line of the programme: its time in `zone` ("15 h 00 – 16 h 00"; the dates of
// an all-day session that spans several days, "" for one day), where it is ("Salle 2 ·
// Migration": room, else venue, then track), and who speaks ("Ana Silva (IOM) et Jean
// Martin").
std::string session_time(const l10n::Locale& locale, const domain::Event& session,
                         const std::string& zone);
std::string session_place(const domain::Event& session);
std::string session_speakers(const l10n::Locale& locale, const EventPage& page,
                             const domain::Event& session);
// "Name, Role, Organisation", skipping empty parts.
std::string speaker_line(const domain::Speaker& speaker);
// "anglais, français et espagnol" for en, fr, es.
std::string language_names(const l10n::Locale& locale, const std::vector<std::string>& tags);
// The public "Online:" value: the event's public link, else, when its meeting link is
// private (--join-url), words saying who gets it, never the link itself; "" for neither.
std::string online_text(const l10n::Locale& locale, const domain::Event& event);
// The organisers as the seed groups them ("Co-led by: A and B", "In partnership with: C"), one
// line per role in domain::organiser_groups' order: the label's msgid, to translate where it
// is printed, and the names as a list of the locale ("A et B"). Nothing without organisers.
struct OrganiserLine {
    const char* label;
    std::string names;
};
std::vector<OrganiserLine> organiser_lines(const l10n::Locale& locale, const domain::Event& event);
// The status and an agenda item's kind as words of the locale ("confirmé", "discussion").
std::string status_text(const l10n::Locale& locale, domain::EventStatus status);
std::string kind_text(const l10n::Locale& locale, const std::string& kind);
// The status as the pages show it: "" for a confirmed event (JSON keeps every status).
std::string status_note(const l10n::Locale& locale, domain::EventStatus status);

}  // namespace convene::page
