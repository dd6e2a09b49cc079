#include "event_from_file.hpp"

#include <ostream>

#include <fmt/format.h>

#include "convene/domain/uid.hpp"
#include "convene/error.hpp"
#include "convene/io/event_file.hpp"
#include "convene/io/input.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"

namespace convene::cli {

namespace {

void attach_parent(const io::EventFile& file, domain::Event& event, store::EventStore& events) {
    if (!file.parent) return;
    const auto parent = events.find(*file.parent);
    if (!parent) {
        throw NotFoundError(fmt::format("{}: parent: no event '{}'", file.parent_where, *file.parent),
                            "create the parent event first");
    }
    if (event.id != 0 && events.would_cycle(event.id, parent->id)) {
        throw BadInputError(fmt::format("{}: parent: '{}' cannot be part of '{}', which is part "
                                        "of it",
                                        file.parent_where, event.slug, parent->slug));
    }
    event.parent_id = parent->id;
}

// Rewrites the agenda position by position, so items keep their ids (and the iCalendar UIDs
// derived from them) across --replace. True when a change reaches calendars.
bool replace_agenda(store::AgendaStore& agenda, std::int64_t event_id,
                    const std::vector<domain::AgendaItem>& wanted) {
    const auto current = agenda.list(event_id);
    bool calendar_change = false;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        auto item = wanted[i];
        item.event_id = event_id;
        if (i < current.size()) {
            item.id = current[i].id;
            item.position = current[i].position;
            calendar_change = calendar_change || domain::changes_calendar(current[i], item);
            agenda.update(item);
        } else {
            item.position = 0;  // append
            calendar_change = calendar_change || item.start.has_value();
            agenda.insert(item);
        }
    }
    for (auto i = current.size(); i > wanted.size(); --i) {
        calendar_change = calendar_change || current[i - 1].start.has_value();
        agenda.remove(event_id, current[i - 1].position);
    }
    return calendar_change;
}

}  // namespace

void create_event_from_file(const std::string& path, bool replace, Context& context) {
    const auto file = io::read_event_file(path, context.config().default_timezone);
    auto& db = context.database();
    store::EventStore events(db);
    store::AgendaStore agenda(db);
    auto transaction = db.write_transaction();

    auto event = file.event;
    if (!file.has_locale) event.locale = context.config().default_locale;
    const auto existing = events.find(event.slug);
    if (existing && !replace) {
        throw ConflictError(
            fmt::format("{}: an event with slug '{}' exists already", io::display_name(path),
                        event.slug),
            "add --replace to update it from the file, or set another slug in the file");
    }
    if (existing) {
        // The file is the whole truth about the event, but not about its identity or history.
        event.id = existing->id;
        event.uid = existing->uid;
        event.created_at = existing->created_at;
        event.sequence = existing->sequence;
        // A file cannot cancel an event, so it must not silently revive one either.
        if (existing->status == domain::EventStatus::cancelled) event.status = existing->status;
    } else {
        event.uid = domain::generate_uid();
        event.created_at = context.now();
    }
    attach_parent(file, event, events);
    event.updated_at = context.now();
    domain::validate(event);
    if (existing) {
        const bool agenda_changed = replace_agenda(agenda, event.id, file.agenda);
        if (domain::changes_calendar(*existing, event) || agenda_changed) ++event.sequence;
        events.update(event);
    } else {
        event.id = events.insert(event);
        replace_agenda(agenda, event.id, file.agenda);
    }
    transaction.commit();

    for (const auto& problem : domain::timing_problems(event, file.agenda)) context.warn(problem);
    if (existing) {
        context.note(fmt::format("replaced {} (sequence {})", event.slug, event.sequence));
    }
    context.out() << event.slug << '\n';
}

}  // namespace convene::cli
