#pragma once
// The agenda workflows behind add-, update-, move- and remove-agenda-item: each loads the event
// under the write lock, changes its agenda in one transaction, and reports what the caller
// prints. How the new values are read (flags today) is the caller's `ItemEdit`, run inside the
// transaction with the event as stored, so that a start such as "+15m" is read against the
// event's own start and zone.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"
#include "convene/domain/time.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

using ItemEdit = std::function<void(domain::AgendaItem& item, const domain::Event& event)>;

struct AgendaChange {
    domain::Event event;
    domain::AgendaItem item;                   // after the change (before it, for a removal)
    bool changed{true};                        // false: the item was already as given
    std::vector<std::string> timing_warnings;  // domain::timing_problems of the item
};

// Appends the item, or inserts it at `position` (1 = first; the later items move down). A
// position outside 1..count+1 is a problem about "position".
domain::Checked<AgendaChange> add_agenda_item(store::Database& db, std::string_view event_name,
                                              const ItemEdit& edit, std::optional<int> position);

// Changes item `position`; when its time, length or title changed, the event's SEQUENCE grows
// so that calendars update its VEVENT.
AgendaChange update_agenda_item(store::Database& db, std::string_view event_name, int position,
                                const ItemEdit& edit, domain::Instant now);

// Moves item `from` to `to`; the items between shift by one. A `to` outside the agenda is a
// problem about "to".
domain::Checked<AgendaChange> move_agenda_item(store::Database& db, std::string_view event_name,
                                               int from, int to);

// Deletes item `position`; the ones after it move up.
AgendaChange remove_agenda_item(store::Database& db, std::string_view event_name, int position);

}  // namespace convene::app
