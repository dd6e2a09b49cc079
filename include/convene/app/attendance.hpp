#pragma once
// Who came, from a meeting platform's attendance report (io::read_attendance_report), against
// an event's registrations: people are matched by e-mail, then by name (case, accents and
// punctuation aside), and come out as attended (with their time in the meeting), registered
// but absent, and came without registering. The meeting's hosts are set apart, never counted
// as unregistered guests. Pure functions: the check-in workflow stores what they decide.
//
//   const auto report = io::read_attendance_report(bytes, path, zone);
//   if (auto problem = app::meeting_date_problem(report, event)) refuse(*problem);
//   const auto match = app::match_attendance(report.participants, registrations, 10min);
#include <chrono>
#include <optional>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"
#include "convene/domain/registration.hpp"
#include "convene/io/attendance_report.hpp"

namespace convene::app {

struct Attended {
    domain::Registration registration;
    std::chrono::seconds time_in_meeting{0};    // of every participant matched to them
    std::optional<domain::Instant> first_join;  // the earliest, when the report gives it
};

struct AttendanceMatch {
    std::vector<Attended> attended;   // stayed at least the minimum, in registration order
    std::vector<Attended> too_short;  // came, but stayed less
    // Registered (not waitlisted, not cancelled) and not in the report.
    std::vector<domain::Registration> absent;
    // In the report, matching no registration: never registered silently.
    std::vector<io::ReportedParticipant> unregistered;
    // The meeting's hosts who are not registered.
    std::vector<io::ReportedParticipant> hosts;
};

// Matches each participant to at most one registration: the one with their e-mail (any case),
// else the only one with their name or, renamed in Zoom, their original name. A person who
// joined from two devices or under two names counts once, their times summed.
AttendanceMatch match_attendance(const std::vector<io::ReportedParticipant>& participants,
                                 const std::vector<domain::Registration>& registrations,
                                 std::chrono::seconds min_duration = std::chrono::seconds{0});

// The problem (field "from") when the report's meeting did not take place on one of the
// event's days, in the event's zone: the report is another meeting's.
std::optional<domain::Problem> meeting_date_problem(const io::AttendanceReport& report,
                                                    const domain::Event& event);

}  // namespace convene::app
