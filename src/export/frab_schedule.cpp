#include "convene/export/frab_schedule.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/domain/agenda.hpp"
#include "convene/domain/time.hpp"
#include "convene/domain/uid.hpp"
#include "convene/text/hash.hpp"

namespace convene::frab {

namespace {

using std::chrono::seconds;

// A talk's room: where it happens, or "Online" for a meeting with only a link.
std::string room_of(const domain::Event& event, const domain::Event* parent) {
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
                       const std::map<std::int64_t, std::vector<domain::AgendaItem>>& agendas) {
    Schedule schedule{parent, {}};
    for (const auto& session : sessions) {
        if (session.status == domain::EventStatus::cancelled) continue;
        const auto [start, end] = domain::event_bounds(session);
        Talk talk;
        talk.id = session.schedule_id;
        talk.uid = session.uid;
        talk.title = session.title;
        talk.abstract = session.description;
        talk.type = "session";
        talk.room = room_of(session, &parent);
        talk.start = start;
        talk.duration = end - start;
        if (auto agenda = agendas.find(session.id); agenda != agendas.end()) {
            for (const auto& item : agenda->second) {
                for (const auto& speaker : item.speakers) add_unique(talk.persons, speaker.name);
            }
        }
        talk.language =
            first_language(session).empty() ? first_language(parent) : first_language(session);
        talk.url = http_link(session).empty() ? http_link(parent) : http_link(session);
        schedule.talks.push_back(std::move(talk));
    }
    sort_talks(schedule.talks);
    return schedule;
}

Schedule from_agenda(const domain::Event& event, const std::vector<domain::AgendaItem>& items) {
    Schedule schedule{event, {}};
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
        for (const auto& speaker : item.speakers) add_unique(talk.persons, speaker.name);
        talk.language = first_language(event);
        talk.url = http_link(event);
        schedule.talks.push_back(std::move(talk));
    }
    sort_talks(schedule.talks);
    return schedule;
}

std::vector<Day> days_of(const Schedule& schedule) {
    const auto& conference = schedule.conference;
    const auto& zone = domain::known_zone(conference.timezone);
    const auto [first_instant, last_instant] = domain::event_bounds(conference);
    const auto local_day = [&](domain::Instant instant) {
        return domain::to_local(instant, zone).day;
    };
    auto first = local_day(first_instant);
    auto last = local_day(std::max(first_instant, last_instant - seconds{1}));
    for (const auto& talk : schedule.talks) {
        first = std::min(first, local_day(talk.start));
        last = std::max(last,
                        local_day(std::max(talk.start, talk.start + talk.duration - seconds{1})));
    }
    // An all-day event of one date gives that date's local midnights, DST gaps included.
    const auto midnights = [&](domain::Date date) {
        domain::Event day;
        day.all_day = true;
        day.timezone = conference.timezone;
        day.start_date = day.end_date = date;
        return domain::event_bounds(day);
    };
    std::vector<Day> days;
    for (auto date = first; date <= last; date += date::days{1}) {
        const auto [midnight, next] = midnights(date);
        Day day;
        day.index = static_cast<int>(days.size()) + 1;
        day.date = date;
        day.start = std::clamp(first_instant, midnight, next);
        day.end = std::clamp(last_instant, midnight, next);
        for (const auto& talk : schedule.talks) {
            if (local_day(talk.start) != date) continue;
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

std::vector<std::string> room_names(const Schedule& schedule) {
    std::vector<std::string> names;
    for (const auto& talk : schedule.talks) add_unique(names, talk.room);
    if (names.empty()) names.push_back(room_of(schedule.conference, nullptr));
    return names;
}

std::string guid_for(std::string_view uid) {
    // A session imported from a schedule has the talk's guid as its UID: given back as it was,
    // so apps that know the talk see the same one.
    if (domain::is_uuid(uid)) {
        std::string guid(uid);
        for (auto& c : guid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return guid;
    }
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
