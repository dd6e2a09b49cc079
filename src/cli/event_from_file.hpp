#pragma once
// create-event --from FILE [--replace]: an event and its agenda from a TOML event file.
#include <string>

#include "convene/cli/context.hpp"

namespace convene::cli {

// Creates the event the file describes, with its agenda, in one transaction, and prints its
// slug. When the slug is taken: ConflictError, or with `replace` the event is updated (same
// UID, SEQUENCE bumped when calendars must know) and its agenda rebuilt.
void create_event_from_file(const std::string& path, bool replace, Context& context);

}  // namespace convene::cli
