#pragma once
// The agenda workflows behind add-, update-, move- and remove-agenda-item: each loads the event
// under the write lock, changes its agenda in one transaction, and reports what the caller
// prints. New values come as a domain::AgendaItemInput, applied inside the transaction with the
// event as stored, so that a start such as "+15m" is read against the event's own start and
// zone.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/app/before_commit.hpp"
#include "convene/domain/agenda.hpp"
#include "convene/domain/agenda_input.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"
#include "convene/domain/time.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct AgendaChange {
    domain::Event event;
    domain::AgendaItem item;                   // after the change (before it, for a removal)
    bool changed{true};                        // false: the item was already as given
    std::vector<std::string> timing_warnings;  // domain::timing_problems of the item
};

// Where add-agenda-item puts an item, and what a script calls it.
struct NewItem {
    std::optional<int> position;  // 1 = first, the later items move down; empty: append
    std::string key;              // "": none
};

// Appends the item `input` makes, or inserts it at `where.position`. A position outside
// 1..count+1 is a problem about "position", a value the rules refuse a problem about its field.
// With a key the event's agenda has already, that item is changed instead, as
// update_agenda_item would (and moved to `where.position` when given), so that a setup script
// can run again without adding it twice. `before_commit` gets the change last.
domain::Checked<AgendaChange> add_agenda_item(store::Database& db, std::string_view event_name,
                                              const domain::AgendaItemInput& input,
                                              const NewItem& where, domain::Instant now,
                                              const BeforeCommit<AgendaChange>& before_commit = {});

// Changes item `position` as `input` says; when its time, length or title changed, the event's
// SEQUENCE grows so that calendars update its VEVENT. A value the rules refuse is a problem.
domain::Checked<AgendaChange> update_agenda_item(store::Database& db, std::string_view event_name,
                                                 int position, const domain::AgendaItemInput& input,
                                                 domain::Instant now);

// Moves item `from` to `to`; the items between shift by one. A `to` outside the agenda is a
// problem about "to".
domain::Checked<AgendaChange> move_agenda_item(store::Database& db, std::string_view event_name,
                                               int from, int to);

// Deletes item `position`; the ones after it move up.
AgendaChange remove_agenda_item(store::Database& db, std::string_view event_name, int position);

}  // namespace convene::app
