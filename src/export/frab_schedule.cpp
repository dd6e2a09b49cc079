#include "convene/export/frab_schedule.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/domain/agenda.hpp"
#include "convene/domain/day_clock.hpp"
#include "convene/domain/time.hpp"
#include "convene/domain/uid.hpp"
#include "convene/text/hash.hpp"
#include "convene/text/strings.hpp"

namespace convene::frab {

namespace {

using std::chrono::seconds;

// A talk's room: the room inside the venue, else the venue, or "Online" for a meeting with
// only a link.
std::string room_of(const domain::Event& event, const domain::Event* parent) {
    if (!event.room.empty()) return event.room;
    if (!event.venue.empty()) return event.venue;
    if (event.online_url.empty() && parent && !parent->venue.empty()) return parent->venue;
    return "Online";
}

std::string http_link(const domain::Event& event) {
    for (const auto* link : {&event.registration_url, &event.online_url}) {
        if (link->starts_with("https://") || link->starts_with("http://")) return *link;
    }
    return {};
}

std::string first_language(const domain::Event& event) {
    return event.languages.empty() ? std::string() : event.languages.front();
}

// Appends `name` unless it is there already (speakers of several items, rooms of many talks).
void add_unique(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// Appends the speaker unless a person of that name is there already (one person speaking at
// several items of a session).
void add_speaker(std::vector<Person>& persons, const domain::Speaker& speaker) {
    const auto same = [&](const Person& p) { return p.name == speaker.name; };
    if (std::any_of(persons.begin(), persons.end(), same)) return;
    persons.push_back({speaker.name, speaker.organisation, speaker.role});
}

// A session's page where the organiser publishes them, else its own web link.
std::string talk_url(const domain::Event& session, const Publishing& publishing) {
    if (publishing.base_url.empty()) return http_link(session);
    auto base = publishing.base_url;
    while (base.ends_with('/')) base.pop_back();
    return fmt::format("{}/{}{}", base, session.slug, publishing.page_extension);
}

std::string points_text(const std::vector<std::string>& points) {
    std::string text;
    for (const auto& point : points) text += (text.empty() ? "- " : "\n- ") + point;
    return text;
}

void sort_talks(std::vector<Talk>& talks) {
    std::sort(talks.begin(), talks.end(), [](const Talk& a, const Talk& b) {
        return a.start != b.start ? a.start < b.start : a.id < b.id;
    });
}

}  // namespace

Schedule from_sessions(const domain::Event& parent, const std::vector<domain::Event>& sessions,
                       const std::map<std::int64_t, std::vector<domain::AgendaItem>>& agendas,
                       const Publishing& publishing) {
    Schedule schedule{parent, {}, publishing.day_change, publishing.base_url};
    for (const auto& session : sessions) {
        if (session.status == domain::EventStatus::cancelled) continue;
        const auto [start, end] = domain::event_bounds(session);
        Talk talk;
        talk.id = session.schedule_id;
        talk.uid = session.uid;
        talk.title = session.title;
        talk.abstract = session.description;
        talk.type = session.session_type.empty() ? "talk" : session.session_type;
        talk.track = session.track;
        talk.room = room_of(session, &parent);
        talk.start = start;
        talk.duration = end - start;
        if (auto agenda = agendas.find(session.id); agenda != agendas.end()) {
            for (const auto& item : agenda->second) {
                for (const auto& speaker : item.speakers) add_speaker(talk.persons, speaker);
            }
        }
        talk.language =
            first_language(session).empty() ? first_language(parent) : first_language(session);
        talk.url = talk_url(session, publishing);
        schedule.talks.push_back(std::move(talk));
    }
    sort_talks(schedule.talks);
    return schedule;
}

Schedule from_agenda(const domain::Event& event, const std::vector<domain::AgendaItem>& items,
                     const Publishing& publishing) {
    Schedule schedule{event, {}, publishing.day_change, publishing.base_url};
    const auto event_end = domain::event_bounds(event).second;
    for (const auto& item : items) {
        if (!item.start) continue;  // untimed items have no place in a timetable
        Talk talk;
        talk.id = item.schedule_id;
        talk.uid = item.uid;  // as export-ics names it
        talk.title = item.title;
        talk.abstract = item.description;
        talk.description = points_text(item.points);
        talk.type = item.kind.empty() ? "talk" : item.kind;
        talk.room = room_of(event, nullptr);
        talk.start = *item.start;
        if (item.duration) {
            talk.duration = *item.duration;
        } else {
            // Until the next timed item, else until the event ends.
            auto end = event_end;
            for (const auto& other : items) {
                if (other.start && *other.start > *item.start && *other.start < end) {
                    end = *other.start;
                }
            }
            talk.duration = end > talk.start ? end - talk.start : seconds{0};
        }
        for (const auto& speaker : item.speakers) add_speaker(talk.persons, speaker);
        talk.track = event.track;
        talk.language = first_language(event);
        talk.url = talk_url(event, publishing);
        schedule.talks.push_back(std::move(talk));
    }
    sort_talks(schedule.talks);
    return schedule;
}

std::vector<Day> days_of(const Schedule& schedule) {
    const auto& conference = schedule.conference;
    const auto& zone = domain::known_zone(conference.timezone);
    const auto [first_instant, last_instant] = domain::event_bounds(conference);
    const auto opening = domain::to_local(first_instant, zone).day;
    const domain::DayClock clock(zone, schedule.day_change, opening);
    // The last moment of something that ends at `end`.
    const auto last_of = [](domain::Instant start, domain::Instant end) {
        return std::max(start, end - seconds{1});
    };
    auto first = opening;
    auto last = clock.day_of(last_of(first_instant, last_instant));
    for (const auto& talk : schedule.talks) {
        first = std::min(first, clock.day_of(talk.start));
        last = std::max(last, clock.day_of(last_of(talk.start, talk.start + talk.duration)));
    }
    std::vector<Day> days;
    for (auto date = first; date <= last; date += date::days{1}) {
        const auto [begins, ends] = clock.window(date);
        Day day;
        day.index = static_cast<int>(days.size()) + 1;
        day.date = date;
        day.start = std::clamp(first_instant, begins, ends);
        day.end = std::clamp(last_instant, begins, ends);
        for (const auto& talk : schedule.talks) {
            if (clock.day_of(talk.start) != date) continue;
            day.start = std::min(day.start, talk.start);
            day.end = std::max(day.end, talk.start + talk.duration);
            auto room = std::find_if(day.rooms.begin(), day.rooms.end(),
                                     [&](const Room& r) { return r.name == talk.room; });
            if (room == day.rooms.end()) room = day.rooms.insert(room, Room{talk.room, {}});
            room->talks.push_back(&talk);
        }
        if (day.end < day.start) day.end = day.start;
        days.push_back(std::move(day));
    }
    return days;
}

std::vector<domain::Track> tracks_of(const Schedule& schedule) {
    auto tracks = schedule.conference.tracks;
    for (const auto& talk : schedule.talks) {
        const auto same = [&](const domain::Track& t) { return t.name == talk.track; };
        if (!talk.track.empty() && std::none_of(tracks.begin(), tracks.end(), same)) {
            tracks.push_back({talk.track, ""});
        }
    }
    return tracks;
}

std::vector<std::string> room_names(const Schedule& schedule) {
    std::vector<std::string> names;
    for (const auto& talk : schedule.talks) add_unique(names, talk.room);
    if (names.empty()) names.push_back(room_of(schedule.conference, nullptr));
    return names;
}

std::string guid_for(std::string_view uid) {
    // A session imported from a schedule has the talk's guid as its UID: given back as it was,
    // so apps that know the talk see the same one.
    if (domain::is_uuid(uid)) return text::lowercase_ascii(uid);
    const auto high = text::fnv1a_64(uid);
    const auto low = text::fnv1a_64(std::string(uid) + "\x01guid");
    // RFC 9562 version 8 (custom) and variant 10xx, so it is a well-formed UUID.
    const auto version = (high & 0xffffffffffff0fffULL) | 0x0000000000008000ULL;
    const auto variant = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", version >> 32,
                       (version >> 16) & 0xffff, version & 0xffff, variant >> 48,
                       variant & 0xffffffffffffULL);
}

}  // namespace convene::frab
