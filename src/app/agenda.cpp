#include "convene/app/agenda.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"

namespace convene::app {

namespace {

// Item `position` of the event; NotFoundError saying which positions exist otherwise.
domain::AgendaItem get_item(store::AgendaStore& agenda, const domain::Event& event, int position) {
    if (position < 1) {
        throw UsageError(fmt::format("agenda positions start at 1, not {}", position));
    }
    if (auto item = agenda.find(event.id, position)) return std::move(*item);
    const int size = agenda.count(event.id);
    throw NotFoundError(
        fmt::format("'{}' has no agenda item {}", event.slug, position),
        size == 0 ? "its agenda is empty"
                  : fmt::format("its items are 1 to {}; 'convene list agenda {}' shows them", size,
                                event.slug));
}

std::optional<domain::Problem> outside(int position, int last, std::string field) {
    if (position >= 1 && position <= last) return std::nullopt;
    return domain::Problem{std::move(field), fmt::format("{} is outside the agenda", position),
                           fmt::format("give a position from 1 to {}", last)};
}

}  // namespace

domain::Checked<AgendaChange> add_agenda_item(store::Database& db, std::string_view event_name,
                                              const ItemEdit& edit, std::optional<int> position) {
    EventWrite write(db, event_name);
    store::AgendaStore agenda(db);
    AgendaChange change{write.event, {}, true, {}};
    change.item.event_id = write.event.id;
    edit(change.item, write.event);
    if (position) {
        if (auto problem = outside(*position, agenda.count(write.event.id) + 1, "position")) {
            return *std::move(problem);
        }
        change.item.position = *position;
    }
    change.item.position = agenda.insert(change.item);
    write.transaction.commit();
    change.timing_warnings =
        domain::timing_problems(write.event, agenda.list(write.event.id), change.item.position);
    return change;
}

AgendaChange update_agenda_item(store::Database& db, std::string_view event_name, int position,
                                const ItemEdit& edit, domain::Instant now) {
    EventWrite write(db, event_name);
    auto& event = write.event;
    store::AgendaStore agenda(db);
    const auto before = get_item(agenda, event, position);
    AgendaChange change{event, before, true, {}};
    edit(change.item, event);
    if (change.item == before) {
        change.changed = false;
        return change;
    }
    agenda.update(change.item);
    if (domain::changes_calendar(before, change.item)) {
        // The item's VEVENT carries the event's SEQUENCE: raise it so calendars update.
        ++event.sequence;
        event.updated_at = now;
        write.events.update(event);
    }
    write.transaction.commit();
    change.event = event;
    change.timing_warnings = domain::timing_problems(event, agenda.list(event.id), position);
    return change;
}

domain::Checked<AgendaChange> move_agenda_item(store::Database& db, std::string_view event_name,
                                               int from, int to) {
    EventWrite write(db, event_name);
    store::AgendaStore agenda(db);
    AgendaChange change{write.event, get_item(agenda, write.event, from), true, {}};
    if (auto problem = outside(to, agenda.count(write.event.id), "to")) return *std::move(problem);
    agenda.move(write.event.id, from, to);
    write.transaction.commit();
    return change;
}

AgendaChange remove_agenda_item(store::Database& db, std::string_view event_name, int position) {
    EventWrite write(db, event_name);
    store::AgendaStore agenda(db);
    AgendaChange change{write.event, get_item(agenda, write.event, position), true, {}};
    agenda.remove(write.event.id, position);
    write.transaction.commit();
    return change;
}

}  // namespace convene::app
