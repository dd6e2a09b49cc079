#pragma once
// create-event --from FILE [--replace]: an event and its agenda from a TOML event file
// (convene-event-file(5)), created, or with --replace merged into the event of the same slug.
#include <string>
#include <vector>

#include "convene/app/before_commit.hpp"
#include "convene/domain/event.hpp"
#include "convene/io/event_file.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct EventFileResult {
    domain::Event event;                // as stored
    bool replaced{false};               // an existing event was rewritten from the file
    std::vector<std::string> warnings;  // agenda items outside the event or overlapping
};

// `file` is what io::read_event_file read from the file messages call `file_name`. Without
// `replace`, an event with the file's slug is a ConflictError. With it, the event keeps its id,
// UID, creation time and history; its agenda is rewritten position by position so items keep their
// UIDs; SEQUENCE grows when calendars must see the change; a cancelled event stays cancelled.
EventFileResult create_event_from_file(store::Database& db, const io::EventFile& file,
                                       const std::string& file_name, bool replace,
                                       domain::Instant now,
                                       const BeforeCommit<EventFileResult>& before_commit = {});

}  // namespace convene::app
