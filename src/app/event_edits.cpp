#include "convene/app/event_edits.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/domain/uid.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"

namespace convene::app {

domain::Checked<domain::Event> create_event(store::Database& db, const EventEdit& edit,
                                            domain::Instant now) {
    auto transaction = db.write_transaction();
    store::EventStore events(db);
    domain::Event event;
    edit(event, events);
    if (event.slug.empty()) event.slug = events.free_slug(domain::slugify(event.title));
    event.uid = domain::generate_uid();
    event.created_at = event.updated_at = now;
    if (auto problem = domain::validate(event)) return *std::move(problem);
    event.id = events.insert(event);
    transaction.commit();
    return event;
}

domain::Checked<EventUpdate> update_event(store::Database& db, std::string_view event_name,
                                          const EventEdit& edit, domain::Instant now) {
    EventWrite write(db, event_name);
    EventUpdate update{write.event, write.event, true, 0, {}};
    const auto& before = update.before;
    auto& after = update.after;
    edit(after, write.events);
    if (after.slug != before.slug && write.events.slug_taken(after.slug)) {
        throw ConflictError(fmt::format("an event with slug '{}' exists already", after.slug));
    }
    if (auto problem = domain::validate(after)) return *std::move(problem);
    if (after == before) {
        update.changed = false;
        return update;
    }
    if (domain::changes_calendar(before, after)) ++after.sequence;
    after.updated_at = now;
    write.events.update(after);
    // A timed agenda follows its event: a session moved by a day keeps its items in it.
    if (!before.all_day && !after.all_day && after.start != before.start) {
        update.moved_items =
            store::AgendaStore(db).move_times(after.id, after.start - before.start);
    }
    // A raised (or removed) capacity gives its new seats to the waiting list, in order; a
    // lowered one demotes nobody.
    if (after.capacity != before.capacity) update.seats = follow_capacity(db, after, now);
    write.transaction.commit();
    return update;
}

}  // namespace convene::app
