#include "convene/app/event_reads.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"

namespace convene::app {

domain::Event find_event(store::Database& db, std::string_view name) {
    return store::EventStore(db).get(name);
}

namespace {

// The event's first and last local dates, in its own zone.
std::pair<domain::Date, domain::Date> local_dates(const domain::Event& event) {
    if (event.all_day) return {event.start_date, event.end_date};
    const auto& zone = domain::known_zone(event.timezone);
    const auto last = std::max(event.start, event.end - std::chrono::seconds{1});
    return {domain::to_local(event.start, zone).day, domain::to_local(last, zone).day};
}

bool passes(const domain::Event& event, const EventFilter& filter,
            std::optional<std::int64_t> parent_id) {
    if (parent_id && event.parent_id != parent_id) return false;
    const auto [first, last] = local_dates(event);
    if (filter.from && last < *filter.from) return false;
    return !(filter.to && first > *filter.to);
}

}  // namespace

void for_each_event(store::Database& db, const EventVisitor& visit, const EventFilter& filter) {
    store::EventStore events(db);
    std::optional<std::int64_t> parent_id;
    if (filter.parent) parent_id = events.get(*filter.parent).id;
    // Parents are few; their slugs are looked up as the list goes, each once (a programme's
    // 500 sessions share one), rather than holding every event.
    std::map<std::int64_t, std::string> parent_slugs;
    events.for_each([&](const domain::Event& event) {
        if (!passes(event, filter, parent_id)) return;
        static const std::string none;
        if (!event.parent_id) return visit(event, none);
        auto [slug, added] = parent_slugs.try_emplace(*event.parent_id);
        if (added) {
            if (auto found = events.find_by_id(*event.parent_id)) slug->second = found->slug;
        }
        visit(event, slug->second);
    });
}

std::optional<std::string> track_warning(store::Database& db, const domain::Event& event) {
    if (!event.parent_id || event.track.empty()) return std::nullopt;
    const auto parent = store::EventStore(db).find_by_id(*event.parent_id);
    return parent ? domain::undeclared_track(event, *parent) : std::nullopt;
}

std::vector<std::string> event_slugs(store::Database& db) { return store::EventStore(db).slugs(); }

EventView event_view(store::Database& db, std::string_view name) {
    store::EventStore events(db);
    EventView view;
    view.event = events.get(name);
    if (view.event.parent_id) view.parent = events.find_by_id(*view.event.parent_id);
    view.agenda = store::AgendaStore(db).list(view.event.id);
    view.sessions = events.children(view.event.id);
    if (!view.sessions.empty()) {
        view.session_speakers = store::AgendaStore(db).session_speakers(view.event.id);
    }
    return view;
}

std::vector<ics::FeedEntry> calendar_entries(store::Database& db,
                                             const std::vector<std::string>& names, bool all) {
    store::EventStore events(db);
    std::vector<domain::Event> chosen;
    if (all) {
        events.for_each([&](const domain::Event& event) { chosen.push_back(event); });
        if (chosen.empty()) {
            throw NotFoundError("there are no events to export",
                                "create one with convene create-event");
        }
    } else {
        for (const auto& name : names) {
            auto event = events.get(name);
            const bool seen =
                std::any_of(chosen.begin(), chosen.end(),
                            [&](const domain::Event& other) { return other.id == event.id; });
            if (!seen) chosen.push_back(std::move(event));
        }
    }
    store::AgendaStore agendas(db);
    std::vector<ics::FeedEntry> entries;
    entries.reserve(chosen.size());
    for (auto& event : chosen) {
        ics::FeedEntry entry;
        if (event.parent_id) entry.parent = events.find_by_id(*event.parent_id);
        entry.agenda = agendas.list(event.id);
        entry.event = std::move(event);
        entries.push_back(std::move(entry));
    }
    return entries;
}

EventSchedule event_schedule(store::Database& db, std::string_view name,
                             const frab::Publishing& publishing) {
    store::EventStore events(db);
    store::AgendaStore agendas(db);
    auto event = events.get(name);
    const auto sessions = events.children(event.id);
    if (sessions.empty()) {
        auto schedule = frab::from_agenda(event, agendas.list(event.id), publishing);
        return {std::move(event), std::move(schedule)};
    }
    std::map<std::int64_t, std::vector<domain::AgendaItem>> items;
    for (const auto& session : sessions) items[session.id] = agendas.list(session.id);
    auto schedule = frab::from_sessions(event, sessions, items, publishing);
    return {std::move(event), std::move(schedule)};
}

}  // namespace convene::app
