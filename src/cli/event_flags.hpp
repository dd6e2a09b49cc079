#pragma once
// The event flags of create-event and update-event: they fill a domain::EventInput, which the
// app applies (domain::apply holds the rules).
#include <CLI/CLI.hpp>

#include "convene/cli/context.hpp"
#include "convene/domain/event_input.hpp"

namespace convene::cli {

// One flag per field of `input`, written only when given (update-event changes only those).
void add_event_flags(CLI::App& command, domain::EventInput& input, bool for_update);

// After parsing: --description's @FILE or - replaced by the text it names.
void read_description(domain::EventInput& input);

// Warns when the event is a session whose track its parent does not declare.
void warn_undeclared_track(Context& context, const domain::Event& event);

// What a new event takes from the configuration. The default zone is asked of the context only
// when `zone_used` (a new event without --tz), so that its note about the system's zone is true.
domain::EventDefaults event_defaults(Context& context, bool zone_used);

}  // namespace convene::cli
