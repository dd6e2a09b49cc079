#pragma once
// The TOML event file of `create-event --from FILE` (convene-event-file(5)): one event with
// its agenda. Reading it checks every key and value; a problem is a BadInputError naming
// FILE:LINE: key, and any key the format does not define is rejected.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"

namespace convene::io {

struct EventFile {
    // Every field the file gives; the slug derived from the title when the file has none.
    // id, uid, sequence and timestamps are left for the command to set.
    domain::Event event;
    std::optional<std::string> parent;  // slug or id of the parent event, looked up by the caller
    std::string parent_where;           // "FILE:LINE", for a message about a missing parent
    std::vector<domain::AgendaItem> agenda;  // positions 1..n, event_id unset
    bool has_locale{false};                  // else the caller applies defaults.locale
};

// Reads `path` ("-" for stdin). Wall times are in the file's `timezone`, else `default_zone`.
EventFile read_event_file(const std::string& path, const std::string& default_zone);

// The same from text already in memory; `name` is how messages call the file.
EventFile parse_event_file(std::string_view text, const std::string& name,
                           const std::string& default_zone);

}  // namespace convene::io
