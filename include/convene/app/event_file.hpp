#pragma once
// create-event --from FILE [--replace]: an event and its agenda from a TOML event file
// (convene-event-file(5)), created, or with --replace merged into the event of the same slug.
// Two steps, so that a bad file is refused before a database is made for it: the values are
// checked first, then written.
#include <optional>
#include <string>
#include <vector>

#include "convene/app/before_commit.hpp"
#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/event_input.hpp"
#include "convene/domain/problem.hpp"
#include "convene/io/event_file.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

// An event file's values with the rules applied: a new event (id 0, no UID yet) and its agenda
// (positions 1..n), and the parent the file names, looked up when it is written.
struct CheckedEventFile {
    domain::Event event;
    std::vector<domain::AgendaItem> agenda;
    std::optional<std::string> parent;
};

// domain::apply on the file's event and on each of its items, in order; wall times without a
// zone in `defaults.zone`, the locale `defaults.locale` unless the file gives one. A problem
// names the key as the file does ("agenda[2].start"), for io::EventFile::fail.
domain::Checked<CheckedEventFile> check_event_file(const io::EventFile& file,
                                                   const domain::EventDefaults& defaults);

struct EventFileResult {
    domain::Event event;                // as stored
    bool replaced{false};               // an existing event was rewritten from the file
    std::vector<std::string> warnings;  // agenda items outside the event or overlapping
    // Without `replace`, an event has the file's slug already: `event` is that one, and
    // nothing was written.
    bool slug_taken{false};
};

// Writes `file`. Without `replace`, an event with the file's slug is left as it is
// (slug_taken). With it, the event keeps its id, UID, creation time and history; its agenda
// is rewritten position by position so items keep their UIDs; SEQUENCE grows when calendars
// must see the change; a cancelled event stays cancelled. A parent that names no event, or
// one that is part of the event, is a problem about "parent" (app::attach_parent).
domain::Checked<EventFileResult> create_event_from_file(
    store::Database& db, const CheckedEventFile& file, bool replace, domain::Instant now,
    const BeforeCommit<EventFileResult>& before_commit = {});

}  // namespace convene::app
