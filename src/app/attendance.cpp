#include "convene/app/attendance.hpp"

#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/utf8.hpp"

namespace convene::app {

namespace {

using domain::Registration;
using io::ReportedParticipant;

// Who a participant is, looked up in indexes made once: a report of thousands of people
// compared with each registration in turn took 0.6 s for 3,000 (and folded every name once per
// participant without an address).
class Directory {
public:
    explicit Directory(const std::vector<Registration>& registrations)
        : m_registrations(registrations) {
        for (std::size_t i = 0; i < registrations.size(); ++i) {
            m_by_email.try_emplace(text::lowercase_ascii(registrations[i].email), i);
        }
    }

    // By e-mail first, then by the name shown, then by the name joined with.
    std::optional<std::size_t> find(const ReportedParticipant& person) {
        if (!person.email.empty()) {
            const auto found = m_by_email.find(text::lowercase_ascii(text::trim(person.email)));
            if (found != m_by_email.end()) return found->second;
        }
        if (const auto found = only_one_named(person.name)) return found;
        return only_one_named(person.original_name);
    }

private:
    // The only registration whose name is `name` as people spell it ("Helene LEFEVRE" is
    // "Hélène Lefèvre"); none when two registrations share it, rather than a guess.
    std::optional<std::size_t> only_one_named(std::string_view name) {
        const auto folded = text::fold(name);
        if (folded.empty()) return std::nullopt;
        if (!m_names_indexed) index_names();
        const auto found = m_by_name.find(folded);
        if (found == m_by_name.end()) return std::nullopt;
        return found->second;
    }

    // Only when a participant is looked up by name: folding is the costly part.
    void index_names() {
        for (std::size_t i = 0; i < m_registrations.size(); ++i) {
            auto [at, added] = m_by_name.try_emplace(text::fold(m_registrations[i].name), i);
            if (!added) at->second.reset();  // shared: matches neither
        }
        m_names_indexed = true;
    }

    const std::vector<Registration>& m_registrations;
    std::unordered_map<std::string, std::size_t> m_by_email;  // the first of each address
    std::unordered_map<std::string, std::optional<std::size_t>> m_by_name;  // none: shared
    bool m_names_indexed{false};
};

}  // namespace

AttendanceMatch match_attendance(const std::vector<ReportedParticipant>& participants,
                                 const std::vector<Registration>& registrations,
                                 std::chrono::seconds min_duration) {
    AttendanceMatch match;
    std::vector<std::optional<std::chrono::seconds>> time(registrations.size());
    std::vector<std::optional<domain::Instant>> first(registrations.size());
    Directory directory(registrations);
    for (const auto& person : participants) {
        if (const auto index = directory.find(person)) {
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
