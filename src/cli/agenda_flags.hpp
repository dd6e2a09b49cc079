#pragma once
// What add-agenda-item and update-agenda-item share: the item flags, which fill a
// domain::AgendaItemInput (domain::apply holds the rules), and the warnings after a change.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/cli/context.hpp"
#include "convene/domain/agenda_input.hpp"

namespace convene::cli {

struct AgendaFlags {
    domain::AgendaItemInput item;       // the flags that give a field as it is
    std::vector<std::string> speakers;  // --speaker "NAME; ROLE; ORGANISATION", in order
};

// One flag per field, written only when given (update-agenda-item changes only those).
void add_agenda_flags(CLI::App& command, AgendaFlags& flags, bool for_update);

// The input the flags give: --description's @FILE or - read, each --speaker read by
// domain::parse_speaker. UsageError for a speaker that does not read, or for a value given
// and removed at once (--start with --no-start).
domain::AgendaItemInput agenda_input(const AgendaFlags& flags);

// "convene: warning: …" for each timing problem of the changed item.
void warn(Context& context, const std::vector<std::string>& timing_warnings);

// "convene: warning: …" for each --speaker written with commas instead of semicolons.
void warn_about_speakers(Context& context, const AgendaFlags& flags);

}  // namespace convene::cli
