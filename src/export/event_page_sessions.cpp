// A parent event's programme on its page: its sessions day by day, each with its time, room,
// track and speakers. The writers of each format lay these out; the choices are made here.
#include <algorithm>

#include "convene/domain/day_clock.hpp"
#include "convene/export/event_page.hpp"

namespace convene::page {

std::vector<SessionDay> session_days(const EventPage& page) {
    std::vector<SessionDay> days;
    if (page.sessions.empty()) return days;
    const auto& zone = domain::known_zone(page.event.timezone);
    auto first = domain::to_local(domain::event_bounds(page.event).first, zone).day;
    for (const auto& session : page.sessions) {
        first = std::min(first, domain::to_local(domain::event_bounds(session).first, zone).day);
    }
    const domain::DayClock clock(zone, page.day_change, first);
    std::vector<std::pair<domain::Date, const domain::Event*>> dated;
    dated.reserve(page.sessions.size());
    for (const auto& session : page.sessions) {
        dated.emplace_back(clock.day_of(domain::event_bounds(session).first), &session);
    }
    // Sessions come by start already; stable, so a day keeps that order.
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [day, session] : dated) {
        if (days.empty() || days.back().day != day) days.push_back({day, {}});
        days.back().sessions.push_back(session);
    }
    return days;
}

std::string session_time(const l10n::Locale& locale, const domain::Event& session,
                         const std::string& zone) {
    if (session.all_day) {
        return session.start_date == session.end_date ? std::string() : locale.when(session, zone);
    }
    return locale.span(session.start, &session.end, zone, false);
}

std::string session_place(const domain::Event& session) {
    std::string place = session.room.empty() ? session.venue : session.room;
    if (!session.track.empty()) place += place.empty() ? session.track : " · " + session.track;
    return place;
}

std::string session_speakers(const l10n::Locale& locale, const EventPage& page,
                             const domain::Event& session) {
    const auto found = page.session_speakers.find(session.id);
    if (found == page.session_speakers.end() || found->second.empty()) return {};
    std::vector<std::string> names;
    names.reserve(found->second.size());
    for (const auto& speaker : found->second) {
        names.push_back(speaker.organisation.empty()
                            ? speaker.name
                            : speaker.name + " (" + speaker.organisation + ")");
    }
    return locale.list(names);
}

}  // namespace convene::page
