#pragma once
// What add-agenda-item and update-agenda-item share: the item flags, how they change an item,
// and the timing warnings after a change.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/app/agenda.hpp"
#include "convene/cli/context.hpp"
#include "convene/domain/agenda.hpp"

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

// The edit the agenda workflows run on the item, inside their transaction.
app::ItemEdit edit_by(const AgendaFlags& flags);

// "convene: warning: …" for each timing problem of the changed item.
void warn(Context& context, const std::vector<std::string>& timing_warnings);

// "convene: warning: …" for each --speaker written with commas instead of semicolons.
void warn_about_speakers(Context& context, const AgendaFlags& flags);

}  // namespace convene::cli
