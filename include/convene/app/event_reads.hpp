#pragma once
// What the read commands show of events (list events, list agenda, show, export-ics,
// export-schedule, delete-event's question, completion), read here so that a command file is
// flags → one app call → print and no command opens a store.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/export/frab_schedule.hpp"
#include "convene/export/ics_feed.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

// The event `name` names (a slug or an id); a NotFoundError with a suggestion otherwise.
domain::Event find_event(store::Database& db, std::string_view name);

// Every event by start time with its parent's slug ("" for none), one at a time: a long list
// is never held whole.
using EventVisitor = std::function<void(const domain::Event& event, const std::string& parent)>;
// Which events: the sessions of one parent (by slug or id), those that overlap dates (each
// event's own local dates, inclusive).
struct EventFilter {
    std::optional<std::string> parent;
    std::optional<domain::Date> from;
    std::optional<domain::Date> to;
};
void for_each_event(store::Database& db, const EventVisitor& visit, const EventFilter& filter = {});

// Every event's slug, for shell completion.
std::vector<std::string> event_slugs(store::Database& db);

// One event with what its page shows beside it.
struct EventView {
    domain::Event event;
    std::optional<domain::Event> parent;
    std::vector<domain::AgendaItem> agenda;
    std::vector<domain::Event> sessions;  // the events that are part of it, by start
    // The speakers of each session, by session id (store::AgendaStore::session_speakers).
    std::map<std::int64_t, std::vector<domain::Speaker>> session_speakers;
};
EventView event_view(store::Database& db, std::string_view name);

// domain::undeclared_track of `event` and its parent, when it has one.
std::optional<std::string> track_warning(store::Database& db, const domain::Event& event);

// The calendar entries of the events `names` names, in the order given and each once; with
// `all`, of every event (none is a NotFoundError).
std::vector<ics::FeedEntry> calendar_entries(store::Database& db,
                                             const std::vector<std::string>& names, bool all);

// The frab schedule of a parent event with its sessions, or of one event with its timed agenda.
struct EventSchedule {
    domain::Event event;
    frab::Schedule schedule;
};
EventSchedule event_schedule(store::Database& db, std::string_view name,
                             const frab::Publishing& publishing = {});

}  // namespace convene::app
