#include "convene/app/event_edits.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/domain/uid.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/text/suggest.hpp"

namespace convene::app {

namespace {

// `input` applied to `event`, its parent included.
std::optional<domain::Problem> apply_with_parent(const domain::EventInput& input,
                                                 domain::Event& event,
                                                 const domain::EventDefaults& defaults,
                                                 store::EventStore& events) {
    if (auto problem = domain::apply(input, event, defaults)) return problem;
    if (input.no_parent) event.parent_id.reset();
    if (input.parent) return attach_parent(*input.parent, event, events);
    return std::nullopt;
}

// A new event from `input`, inside the caller's transaction: a fresh UID, and a free slug from
// its title when `free_slug` and the input gives none.
domain::Checked<domain::Event> insert_event(store::EventStore& events,
                                            const domain::EventInput& input,
                                            const domain::EventDefaults& defaults, bool free_slug,
                                            domain::Instant now) {
    domain::Event event;
    if (auto problem = apply_with_parent(input, event, defaults, events)) {
        return *std::move(problem);
    }
    if (free_slug && !input.slug) event.slug = events.free_slug(event.slug);
    event.uid = domain::generate_uid();
    event.created_at = event.updated_at = now;
    event.id = events.insert(event);
    return event;
}

// `input` applied to `event` (read under the write lock), written when it changed anything:
// the SEQUENCE grows when calendars must know, a timed agenda follows a moved start, a raised
// capacity promotes from the waiting list.
domain::Checked<EventUpdate> change_event(store::Database& db, store::EventStore& events,
                                          const domain::Event& event,
                                          const domain::EventInput& input,
                                          const domain::EventDefaults& defaults,
                                          domain::Instant now) {
    EventUpdate update{event, event, true, 0, {}};
    const auto& before = update.before;
    auto& after = update.after;
    if (auto problem = apply_with_parent(input, after, defaults, events)) {
        return *std::move(problem);
    }
    if (after.slug != before.slug && events.slug_taken(after.slug)) {
        throw ConflictError(fmt::format("an event with slug '{}' exists already", after.slug));
    }
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

std::optional<domain::Problem> attach_parent(std::string_view name, domain::Event& event,
                                             store::EventStore& events) {
    const auto parent = events.find(name);
    if (!parent) {
        auto hint = text::did_you_mean(name, events.slugs());
        domain::Problem problem{"parent", fmt::format("no event '{}'", name),
                                hint.empty() ? "create the parent event first" : hint};
        problem.not_found = true;
        return problem;
    }
    if (event.id != 0 && events.would_cycle(event.id, parent->id)) {
        return domain::Problem{"parent",
                               fmt::format("'{}' cannot be part of '{}', which is part of it",
                                           event.slug, parent->slug),
                               {}};
    }
    event.parent_id = parent->id;
    return std::nullopt;
}

domain::Checked<domain::Event> create_event(store::Database& db, const domain::EventInput& input,
                                            const domain::EventDefaults& defaults,
                                            domain::Instant now,
                                            const BeforeCommit<domain::Event>& before_commit) {
    auto transaction = db.write_transaction();
    store::EventStore events(db);
    auto event = insert_event(events, input, defaults, true, now);
    if (!event) return event;
    if (before_commit) before_commit(*event);
    transaction.commit();
    return event;
}

domain::Checked<EventUpdate> update_event(store::Database& db, std::string_view event_name,
                                          const domain::EventInput& input,
                                          const domain::EventDefaults& defaults,
                                          domain::Instant now) {
    EventWrite write(db, event_name);
    auto update = change_event(db, write.events, write.event, input, defaults, now);
    if (update && update->changed) write.transaction.commit();
    return update;
}

domain::Checked<EventUpdate> create_or_update_event(
    store::Database& db, const domain::EventInput& input, const domain::EventDefaults& defaults,
    domain::Instant now, const BeforeCommit<EventUpdate>& before_commit) {
    auto transaction = db.write_transaction();
    store::EventStore events(db);
    auto result = [&]() -> domain::Checked<EventUpdate> {
        if (auto existing = events.find(domain::slug_for(input))) {
            return change_event(db, events, *existing, input, defaults, now);
        }
        auto event = insert_event(events, input, defaults, false, now);
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
