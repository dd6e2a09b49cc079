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

namespace {

// Writes `change.item` over `before`, when it differs; a change calendars must see raises the
// event's SEQUENCE (the item's VEVENT carries it).
void save_item(EventWrite& write, store::AgendaStore& agenda, const domain::AgendaItem& before,
               AgendaChange& change, domain::Instant now) {
    if (change.item == before) {
        change.changed = false;
        return;
    }
    agenda.update(change.item);
    if (domain::changes_calendar(before, change.item)) {
        ++write.event.sequence;
        write.event.updated_at = now;
        write.events.update(write.event);
    }
    change.event = write.event;
}

// add-agenda-item --key of an item the event has: the input changes it, as
// update-agenda-item would; --position moves it.
domain::Checked<AgendaChange> update_keyed_item(EventWrite& write, store::AgendaStore& agenda,
                                                domain::AgendaItem before,
                                                const domain::AgendaItemInput& input,
                                                std::optional<int> position, domain::Instant now) {
    AgendaChange change{write.event, before, true, {}};
    if (auto problem = domain::apply(input, change.item, write.event)) return *std::move(problem);
    save_item(write, agenda, before, change, now);
    if (position && *position != before.position) {
        if (auto problem = outside(*position, agenda.count(write.event.id), "position")) {
            return *std::move(problem);
        }
        agenda.move(write.event.id, before.position, *position);
        change.item.position = *position;
        change.changed = true;
    }
    return change;
}

}  // namespace

domain::Checked<AgendaChange> add_agenda_item(store::Database& db, std::string_view event_name,
                                              const domain::AgendaItemInput& input,
                                              const NewItem& where, domain::Instant now,
                                              const BeforeCommit<AgendaChange>& before_commit) {
    EventWrite write(db, event_name);
    store::AgendaStore agenda(db);
    auto result = [&]() -> domain::Checked<AgendaChange> {
        if (!where.key.empty()) {
            if (auto existing = agenda.find_by_key(write.event.id, where.key)) {
                return update_keyed_item(write, agenda, std::move(*existing), input, where.position,
                                         now);
            }
        }
        AgendaChange change{write.event, {}, true, {}};
        change.item.event_id = write.event.id;
        change.item.key = where.key;
        if (auto problem = domain::apply(input, change.item, write.event)) {
            return *std::move(problem);
        }
        if (where.position) {
            if (auto problem =
                    outside(*where.position, agenda.count(write.event.id) + 1, "position")) {
                return *std::move(problem);
            }
            change.item.position = *where.position;
        }
        change.item.position = agenda.insert(change.item);
        return change;
    }();
    if (!result) return result;
    auto change = *std::move(result);
    if (before_commit) before_commit(change);
    write.transaction.commit();
    change.timing_warnings =
        domain::timing_problems(write.event, agenda.list(write.event.id), change.item.position);
    return change;
}

domain::Checked<AgendaChange> update_agenda_item(store::Database& db, std::string_view event_name,
                                                 int position, const domain::AgendaItemInput& input,
                                                 domain::Instant now) {
    EventWrite write(db, event_name);
    store::AgendaStore agenda(db);
    const auto before = get_item(agenda, write.event, position);
    AgendaChange change{write.event, before, true, {}};
    if (auto problem = domain::apply(input, change.item, write.event)) return *std::move(problem);
    save_item(write, agenda, before, change, now);
    if (!change.changed) return change;
    write.transaction.commit();
    change.timing_warnings =
        domain::timing_problems(write.event, agenda.list(write.event.id), position);
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
