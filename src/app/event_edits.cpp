#include "convene/app/event_edits.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/domain/uid.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"

namespace convene::app {

namespace {

// A new event from `edit`, inside the caller's transaction: a free slug from its title unless
// the edit gave one (or `slug`, when the caller chose it), a fresh UID.
domain::Checked<domain::Event> insert_event(store::EventStore& events, const EventEdit& edit,
                                            std::string_view slug, domain::Instant now) {
    domain::Event event;
    edit(event, events);
    if (event.slug.empty()) {
        event.slug = slug.empty() ? events.free_slug(domain::slugify(event.title)) : slug;
    }
    event.uid = domain::generate_uid();
    event.created_at = event.updated_at = now;
    if (auto problem = domain::validate(event)) return *std::move(problem);
    event.id = events.insert(event);
    return event;
}

// `edit` applied to `event` (read under the write lock), written when it changed anything:
// the SEQUENCE grows when calendars must know, a timed agenda follows a moved start, a raised
// capacity promotes from the waiting list.
domain::Checked<EventUpdate> change_event(store::Database& db, store::EventStore& events,
                                          const domain::Event& event, const EventEdit& edit,
                                          domain::Instant now) {
    EventUpdate update{event, event, true, 0, {}};
    const auto& before = update.before;
    auto& after = update.after;
    edit(after, events);
    if (after.slug != before.slug && events.slug_taken(after.slug)) {
        throw ConflictError(fmt::format("an event with slug '{}' exists already", after.slug));
    }
    if (auto problem = domain::validate(after)) return *std::move(problem);
    if (after == before) {
        update.changed = false;
        return update;
    }
    if (domain::changes_calendar(before, after)) ++after.sequence;
    after.updated_at = now;
    events.update(after);
    // A timed agenda follows its event: a session moved by a day keeps its items in it.
    if (!before.all_day && !after.all_day && after.start != before.start) {
        update.moved_items =
            store::AgendaStore(db).move_times(after.id, after.start - before.start);
    }
    // A raised (or removed) capacity gives its new seats to the waiting list, in order; a
    // lowered one demotes nobody.
    if (after.capacity != before.capacity) update.seats = follow_capacity(db, after, now);
    return update;
}

}  // namespace

domain::Checked<domain::Event> create_event(store::Database& db, const EventEdit& edit,
                                            domain::Instant now,
                                            const BeforeCommit<domain::Event>& before_commit) {
    auto transaction = db.write_transaction();
    store::EventStore events(db);
    auto event = insert_event(events, edit, {}, now);
    if (!event) return event;
    if (before_commit) before_commit(*event);
    transaction.commit();
    return event;
}

domain::Checked<EventUpdate> update_event(store::Database& db, std::string_view event_name,
                                          const EventEdit& edit, domain::Instant now) {
    EventWrite write(db, event_name);
    auto update = change_event(db, write.events, write.event, edit, now);
    if (update && update->changed) write.transaction.commit();
    return update;
}

domain::Checked<EventUpdate> create_or_update_event(
    store::Database& db, std::string_view slug, const EventEdit& edit, domain::Instant now,
    const BeforeCommit<EventUpdate>& before_commit) {
    auto transaction = db.write_transaction();
    store::EventStore events(db);
    auto result = [&]() -> domain::Checked<EventUpdate> {
        if (auto existing = events.find(slug)) {
            return change_event(db, events, *existing, edit, now);
        }
        auto event = insert_event(events, edit, slug, now);
        if (!event) return event.problem();
        EventUpdate created{*event, *event, true, 0, {}};
        created.created = true;
        return created;
    }();
    if (!result) return result;
    if (before_commit) before_commit(*result);
    transaction.commit();
    return result;
}

}  // namespace convene::app
