#pragma once
// What add-agenda-item and update-agenda-item share: the item flags, how they change an item,
// how an item is named on the command line, and the timing warnings after a change.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/cli/context.hpp"
#include "convene/domain/agenda.hpp"
#include "convene/store/agenda_store.hpp"

namespace convene::cli {

// Every field is optional so that update-agenda-item changes only what was given.
struct AgendaFlags {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::string> kind;
    std::optional<std::string> start;
    std::optional<std::string> duration;
    std::vector<std::string> speakers;
    std::vector<std::string> points;
    bool no_start{false};
    bool no_duration{false};
    bool no_speakers{false};
    bool no_points{false};
};

void add_agenda_flags(CLI::App& command, AgendaFlags& flags, bool for_update);

// Applies the given flags to `item` (given speakers or points replace the lists), then checks
// it. Throws UsageError for bad values.
void apply_agenda_flags(const AgendaFlags& flags, domain::AgendaItem& item,
                        const domain::Event& event);

// The positional N of update/move/remove: the item must exist (NotFoundError otherwise).
domain::AgendaItem get_item(store::AgendaStore& agenda, const domain::Event& event, int position);

// A target position (--position, --to) in 1..last; UsageError naming `flag` otherwise.
void check_position(int position, int last, std::string_view flag);

// "convene: warning: …" for each timing problem of the item at `position`.
void warn_timing(Context& context, const domain::Event& event,
                 const std::vector<domain::AgendaItem>& items, int position);

}  // namespace convene::cli
