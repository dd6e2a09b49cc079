#pragma once
// What add-agenda-item, update-agenda-item and an event file's [[agenda]] tables say about an
// agenda item, before it meets the rules (STYLE.md habit 12): one AgendaItemInput, applied by
// `apply`. Every field is optional, because an update changes only what it is given.
#include <optional>
#include <string>
#include <vector>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

struct AgendaItemInput {
    std::optional<std::string> title;
    std::optional<std::string> description;  // the text itself (the flags read @FILE first)
    std::optional<std::string> kind;         // one of k_agenda_kinds, "" for none
    std::optional<std::string> start;        // as parse_item_start reads it: "+15m", "15:15"
    std::optional<std::string> duration;     // "20m", "1h30m"
    // Given lists replace the item's. The flags write a speaker "NAME; ROLE; ORGANISATION"
    // (parse_speaker reads that), event files as a table.
    std::optional<std::vector<Speaker>> speakers;
    std::optional<std::vector<std::string>> points;
    // Removals (update-agenda-item's --no-…), done before a value given as well is written.
    bool no_start{false};
    bool no_duration{false};
    bool no_speakers{false};
    bool no_points{false};
};

// Writes what `input` gives into `item` and checks the result (validate(const AgendaItem&)).
// Starts are read against `event`'s start and zone. Returns the first problem, named after the
// field as event files name it within an item ("start", "speakers[2].name").
std::optional<Problem> apply(const AgendaItemInput& input, AgendaItem& item, const Event& event);

}  // namespace convene::domain
