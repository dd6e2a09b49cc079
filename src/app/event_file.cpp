#include "convene/app/event_file.hpp"

#include <fmt/format.h>

#include "convene/app/event_edits.hpp"
#include "convene/domain/agenda_input.hpp"
#include "convene/domain/uid.hpp"
#include "convene/io/event_file.hpp"
#include "convene/io/input.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"

namespace convene::app {

namespace {

// Rewrites the agenda position by position, so items keep their ids, iCalendar UIDs and
// schedule numbers across --replace. True when a change reaches calendars.
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
            if (item.key.empty()) item.key = current[i].key;  // files name no keys
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

domain::Checked<CheckedEventFile> check_event_file(const io::EventFile& file,
                                                   const domain::EventDefaults& defaults) {
    CheckedEventFile checked{{}, {}, file.event.parent};
    if (auto problem = domain::apply(file.event, checked.event, defaults)) {
        return *std::move(problem);
    }
    for (const auto& input : file.agenda) {
        domain::AgendaItem item;
        item.position = static_cast<int>(checked.agenda.size()) + 1;
        if (auto problem = domain::apply(input, item, checked.event)) {
            // Said of the item as the file names it.
            const auto at = fmt::format("agenda[{}]", item.position);
            problem->field = problem->field.empty() ? at : at + "." + problem->field;
            return *std::move(problem);
        }
        checked.agenda.push_back(std::move(item));
    }
    return checked;
}

domain::Checked<EventFileResult> create_event_from_file(
    store::Database& db, const CheckedEventFile& file, bool replace, domain::Instant now,
    const BeforeCommit<EventFileResult>& before_commit) {
    store::EventStore events(db);
    store::AgendaStore agenda(db);
    auto transaction = db.write_transaction();

    auto event = file.event;
    const auto existing = events.find(event.slug);
    if (existing && !replace) {
        return EventFileResult{
            .event = *existing, .replaced = false, .warnings = {}, .slug_taken = true};
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
        event.created_at = now;
    }
    if (file.parent) {
        if (auto problem = attach_parent(*file.parent, event, events)) return *std::move(problem);
    }
    event.updated_at = now;
    if (existing) {
        const bool agenda_changed = replace_agenda(agenda, event.id, file.agenda);
        if (domain::changes_calendar(*existing, event) || agenda_changed) ++event.sequence;
        events.update(event);
    } else {
        event.id = events.insert(event);
        replace_agenda(agenda, event.id, file.agenda);
    }
    EventFileResult result{event, existing.has_value(),
                           domain::timing_problems(event, file.agenda)};
    if (before_commit) before_commit(result);
    transaction.commit();
    return result;
}

}  // namespace convene::app
