#pragma once
// Who came to an online meeting, from the report its platform writes: Zoom's participants
// report (a meeting block, then one line per stay) and Teams' attendance report (UTF-16,
// tab-separated, in sections "1. Summary", "2. Participants", "3. In-Meeting Activities").
// tests/fixtures/platforms/README.md describes both. A person who left and came back is one
// participant, the time of their stays summed.
//
//   auto report = io::read_attendance_report(bytes, "zoom.csv", zone);
//   for (const auto& person : report.participants) use(person.email, person.time_in_meeting);
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "convene/domain/event.hpp"
#include "convene/io/transcoder.hpp"

namespace convene::io {

struct ReportedParticipant {
    std::string name;           // as shown in the meeting
    std::string original_name;  // Zoom's name before a rename ("Léa D. (Léa Dupont)"), or ""
    std::string email;          // "" when the person was not signed in
    std::chrono::seconds time_in_meeting{0};  // all stays together
    std::size_t stays{0};
    std::optional<domain::Instant> first_join;  // when the report gives join times
    bool host{false};                           // Zoom's meeting host, Teams' organizer
    bool guest{false};                          // not signed in to the host's organisation
    std::size_t line{0};                        // the first line that names them, for messages
};

struct AttendanceReport {
    std::string_view platform{};  // "zoom" or "teams"
    std::string title{};
    domain::Instant start{};                          // the meeting's, else the first join
    domain::Instant end{};                            // the meeting's, else the last leave
    std::vector<ReportedParticipant> participants{};  // in the order they first appear
    Encoding encoding{};
    bool encoding_guessed{false};  // Windows-1252 by guess, for the caller to say so
};

// Reads a whole report. Its times have no zone: they are wall times in `zone`, the zone of the
// account that exported it. Throws BadInputError "FILE:LINE: …" for a file that is neither
// report, a section or column missing, or a time or duration that does not read.
AttendanceReport read_attendance_report(std::string_view bytes, std::string_view file_name,
                                        const date::time_zone& zone);

}  // namespace convene::io
