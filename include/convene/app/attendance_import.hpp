#pragma once
// `check-in EVENT --from REPORT`: who came to the event's online meeting, from the report its
// platform wrote (io::read_attendance_report), matched to the registrations
// (app::match_attendance) and recorded in one transaction: everyone who stayed long enough is
// checked in, and everyone matched keeps their time in the meeting. People the report shows
// who match no registration are listed, never registered.
//
//   io::InputFile input("zoom.csv");
//   const auto done = app::check_in_from_report(db, input, {.event = "imrf-briefing"});
//   for (const auto& person : done.match.attended) show(person);
#include <chrono>
#include <optional>
#include <string>

#include <date/tz.h>

#include "convene/app/attendance.hpp"
#include "convene/app/before_commit.hpp"
#include "convene/domain/event.hpp"
#include "convene/io/input.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct AttendanceImport {
    std::string event{};
    std::chrono::seconds min_duration{0};
    // The zone of the report's wall times (the account that exported it); the event's if none.
    const date::time_zone* report_zone{nullptr};
    bool dry_run{false};  // everything decided and shown, nothing written
};

struct AttendanceImported {
    domain::Event event;
    std::string platform;  // "zoom" or "teams"
    std::string encoding;  // as read
    bool encoding_guessed{false};
    AttendanceMatch match;      // a cancelled registration is none: its person is unregistered
    std::size_t checked_in{0};  // of match.attended, those not checked in before
};

// BadInputError (FILE: …) for a file that is no report, and for the report of a meeting that
// was not on one of the event's days; UsageError for an unknown report zone. A check-in time
// already recorded stays; a new one is the person's first join (the meeting's start when the
// report gives no join times). The time in the meeting replaces the one stored.
AttendanceImported check_in_from_report(store::Database& db, io::InputFile& report,
                                        const AttendanceImport& import,
                                        const BeforeCommit<AttendanceImported>& before_commit = {});

}  // namespace convene::app
