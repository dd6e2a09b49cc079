#include "convene/app/database_copy.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "convene/store/reminder_store.hpp"

namespace convene::app {

namespace {

// The events to copy, parents before their parts so each part can point at its parent.
std::vector<domain::Event> events_to_copy(store::EventStore& events, const CopyRequest& request) {
    std::vector<domain::Event> chosen;
    if (request.events.empty()) {
        events.for_each([&](const domain::Event& event) { chosen.push_back(event); });
    } else {
        for (const auto& name : request.events) chosen.push_back(events.get(name));
    }
    std::vector<domain::Event> ordered;
    std::unordered_map<std::int64_t, bool> placed;
    // Events nest a few levels at most: a pass per level.
    while (ordered.size() < chosen.size()) {
        const auto before = ordered.size();
        for (const auto& event : chosen) {
            if (placed.count(event.id)) continue;
            const bool parent_waits = event.parent_id && !placed.count(*event.parent_id) &&
                                      std::any_of(chosen.begin(), chosen.end(), [&](auto& other) {
                                          return other.id == *event.parent_id;
                                      });
            if (parent_waits) continue;
            ordered.push_back(event);
            placed[event.id] = true;
        }
        if (ordered.size() == before) break;  // a cycle the stores never let in
    }
    return ordered;
}

void refuse_taken(store::EventStore& target, const domain::Event& event,
                  const std::string& target_name) {
    if (target.slug_taken(event.slug) || target.uid_taken(event.uid)) {
        throw ConflictError(
            fmt::format("{} holds an event '{}' already", target_name, event.slug),
            "copy the other events by name, or delete that one from the target first");
    }
}

}  // namespace

std::vector<CopiedEvent> copy_events(store::Database& from, store::Database& to,
                                     const CopyRequest& request) {
    // One state of the source throughout, also while another convene writes to it.
    const auto snapshot = from.read_snapshot();
    store::EventStore source_events(from);
    store::AgendaStore source_agenda(from);
    store::RegistrationStore source_registrations(from);
    store::LedgerStore source_ledger(from);
    const auto events = events_to_copy(source_events, request);

    auto transaction = to.write_transaction();
    store::EventStore target_events(to);
    store::AgendaStore target_agenda(to);
    store::RegistrationStore target_registrations(to);
    store::LedgerStore target_ledger(to);

    std::unordered_map<std::int64_t, std::int64_t> new_id;  // source event id → target's
    std::vector<CopiedEvent> copied;
    for (auto event : events) {
        refuse_taken(target_events, event, to.name());
        const auto source_id = event.id;
        event.id = 0;
        if (event.parent_id) {
            if (const auto parent = new_id.find(*event.parent_id); parent != new_id.end()) {
                event.parent_id = parent->second;
            } else if (const auto source_parent = source_events.find_by_id(*event.parent_id)) {
                const auto target_parent = target_events.find(source_parent->slug);
                event.parent_id = target_parent && target_parent->uid == source_parent->uid
                                      ? std::optional(target_parent->id)
                                      : std::nullopt;
            } else {
                event.parent_id.reset();
            }
        }
        const auto id = target_events.insert(event);
        new_id[source_id] = id;
        CopiedEvent summary{.slug = event.slug};

        for (auto item : source_agenda.list(source_id)) {
            item.event_id = id;
            item.position = 0;  // appended: the source's order
            target_agenda.insert(item);
            ++summary.agenda_items;
        }
        {
            // Written as an import writes them (COPY on PostgreSQL): one statement per row
            // took 116 s for 100,000 people into PostgreSQL, a round trip and a count each.
            store::RegistrationStore::Bulk bulk(target_registrations, id);
            domain::Registration copy;
            source_registrations.for_each(source_id, {}, [&](const domain::Registration& person) {
                copy = person;
                copy.event_id = id;
                target_registrations.insert(copy);
                ++summary.registrations;
            });
            bulk.finish();
        }
        for (auto message : source_ledger.messages(source_id)) {
            message.event_id = id;
            target_ledger.insert(message);
            ++summary.messages;
        }
        for (const auto& [email_key, reply] : source_ledger.replies(source_id)) {
            target_ledger.save_reply(id, email_key, reply);
            ++summary.replies;
        }
        // The reminders people had: copied, the target's `send` does not send them again.
        store::ReminderStore target_reminders(to);
        for (auto reminder : store::ReminderStore(from).all(source_id)) {
            reminder.event_id = id;
            target_reminders.insert(reminder);
        }
        copied.push_back(std::move(summary));
    }
    transaction.commit();
    return copied;
}

}  // namespace convene::app
