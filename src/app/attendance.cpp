#include "convene/app/attendance.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/utf8.hpp"

namespace convene::app {

namespace {

using domain::Registration;
using io::ReportedParticipant;

// The only registration whose name is `name` as people spell it ("Helene LEFEVRE" is "Hélène
// Lefèvre"); none when two registrations share it, rather than a guess.
std::optional<std::size_t> only_one_named(std::string_view name,
                                          const std::vector<Registration>& registrations) {
    const auto folded = text::fold(name);
    if (folded.empty()) return std::nullopt;
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < registrations.size(); ++i) {
        if (text::fold(registrations[i].name) != folded) continue;
        if (found) return std::nullopt;
        found = i;
    }
    return found;
}

// The registration a participant is: by e-mail first, then by the name shown, then by the
// name joined with.
std::optional<std::size_t> registration_of(const ReportedParticipant& person,
                                           const std::vector<Registration>& registrations) {
    if (!person.email.empty()) {
        const auto email = text::lowercase_ascii(text::trim(person.email));
        for (std::size_t i = 0; i < registrations.size(); ++i) {
            if (text::lowercase_ascii(registrations[i].email) == email) return i;
        }
    }
    if (const auto found = only_one_named(person.name, registrations)) return found;
    return only_one_named(person.original_name, registrations);
}

}  // namespace

AttendanceMatch match_attendance(const std::vector<ReportedParticipant>& participants,
                                 const std::vector<Registration>& registrations,
                                 std::chrono::seconds min_duration) {
    AttendanceMatch match;
    std::vector<std::optional<std::chrono::seconds>> time(registrations.size());
    std::vector<std::optional<domain::Instant>> first(registrations.size());
    for (const auto& person : participants) {
        if (const auto index = registration_of(person, registrations)) {
            time[*index] = time[*index].value_or(std::chrono::seconds{0}) + person.time_in_meeting;
            if (person.first_join && (!first[*index] || *person.first_join < *first[*index])) {
                first[*index] = person.first_join;
            }
        } else {
            (person.host ? match.hosts : match.unregistered).push_back(person);
        }
    }
    for (std::size_t i = 0; i < registrations.size(); ++i) {
        if (time[i]) {
            auto& list = *time[i] >= min_duration ? match.attended : match.too_short;
            list.push_back({registrations[i], *time[i], first[i]});
        } else if (registrations[i].status == domain::RegistrationStatus::registered) {
            match.absent.push_back(registrations[i]);
        }
    }
    return match;
}

std::optional<domain::Problem> meeting_date_problem(const io::AttendanceReport& report,
                                                    const domain::Event& event) {
    const auto& zone = domain::known_zone(event.timezone);
    auto first = event.start_date;
    auto last = event.end_date;
    if (!event.all_day) {
        first = domain::to_local(event.start, zone).day;
        // An event ending at midnight ends on the day before.
        last = domain::to_local(event.end - std::chrono::seconds{1}, zone).day;
    }
    const auto day = domain::to_local(report.start, zone).day;
    if (day >= first && day <= last) return std::nullopt;
    return domain::Problem{"from",
                           fmt::format("the report's meeting was on {}, not during {} ({})",
                                       domain::format_date(day), event.slug,
                                       domain::format_date_range(first, last)),
                           "give the attendance report of this event's meeting"};
}

}  // namespace convene::app
