#pragma once
// convene import-schedule FILE: a frab or pretalx schedule (io/schedule_file.hpp) written as a
// parent event with one session per talk. The talks keep their guids as the sessions' UIDs, so
// people subscribed to the original schedule see no duplicates, and reading a newer version of
// the schedule again changes the sessions in place: changed talks are updated (SEQUENCE raised
// only when calendars must see it), new ones added, removed ones cancelled (never deleted).
#include <optional>
#include <string>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/event_input.hpp"
#include "convene/domain/time.hpp"
#include "convene/io/schedule_file.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct ScheduleImport {
    std::string file_name;              // for messages: "schedule.xml:12: …"
    std::optional<std::string> parent;  // the parent's slug; else made from acronym or title
    bool dry_run{false};                // decide everything, write nothing
};

// What became of one talk.
enum class TalkOutcome { added, updated, unchanged, cancelled };

struct ImportedTalk {
    TalkOutcome outcome{TalkOutcome::unchanged};
    domain::Event session;  // as stored (or as it would be, on a dry run)
};

struct ScheduleImported {
    domain::Event parent;
    bool parent_created{false};
    bool parent_changed{false};
    std::vector<ImportedTalk> talks;  // the file's talks in time order, then the cancelled ones
    int count(TalkOutcome outcome) const;
};

// In one transaction. A talk the event rules refuse (a title too long, an unknown language) or
// whose guid is the UID of an event outside this programme is a BadInputError naming the file
// and the talk's line, and nothing is written. Sessions added by hand under the parent (their
// UIDs are not schedule guids) are left as they are.
ScheduleImported import_schedule(store::Database& db, const io::ScheduleFile& schedule,
                                 const ScheduleImport& import,
                                 const domain::EventDefaults& defaults, domain::Instant now);

}  // namespace convene::app
