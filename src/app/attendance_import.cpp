#include "convene/app/attendance_import.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

namespace {

// Reports are a few hundred kilobytes; a larger file is not one, and must not fill memory.
constexpr std::size_t k_max_report_bytes = 64 * 1024 * 1024;

const date::time_zone& zone_of_report(const AttendanceImport& import, const domain::Event& event) {
    return import.report_zone ? *import.report_zone : domain::known_zone(event.timezone);
}

// Everyone but the cancelled: a person whose registration is cancelled has none.
std::vector<domain::Registration> current_registrations(store::RegistrationStore& store,
                                                        std::int64_t event_id) {
    std::vector<domain::Registration> registrations;
    store.for_each(
        event_id, {},
        [&](const domain::Registration& r) {
            if (r.status != domain::RegistrationStatus::cancelled) registrations.push_back(r);
        },
        store::RegistrationStore::Fields::skip);
    return registrations;
}

}  // namespace

AttendanceImported check_in_from_report(store::Database& db, io::InputFile& input,
                                        const AttendanceImport& import,
                                        const BeforeCommit<AttendanceImported>& before_commit) {
    const auto bytes = io::read_all(input, k_max_report_bytes, "an attendance report");
    EventWrite write(db, import.event);
    const auto report = io::read_attendance_report(bytes, io::display_name(input.path()),
                                                   zone_of_report(import, write.event));
    if (const auto problem = meeting_date_problem(report, write.event)) {
        throw BadInputError(fmt::format("{}: {}", io::display_name(input.path()), problem->message),
                            problem->hint);
    }
    store::RegistrationStore registrations(db);
    AttendanceImported done{write.event, std::string(report.platform),
                            std::string(report.encoding.name), report.encoding_guessed,
                            match_attendance(report.participants,
                                             current_registrations(registrations, write.event.id),
                                             import.min_duration)};
    std::vector<store::RegistrationStore::Attendance> attendances;
    for (auto& person : done.match.attended) {
        auto& r = person.registration;
        if (!r.checked_in_at) {
            r.checked_in_at = person.first_join.value_or(report.start);
            ++done.checked_in;
        }
        r.attended = person.time_in_meeting;
        // The time, and the arrival unless one is recorded (kept as it was).
        attendances.push_back({r.id, *r.attended, r.checked_in_at});
    }
    for (auto& person : done.match.too_short) {
        person.registration.attended = person.time_in_meeting;
        attendances.push_back({person.registration.id, person.time_in_meeting, std::nullopt});
    }
    if (!import.dry_run) registrations.set_attended(attendances);
    if (before_commit) before_commit(done);
    if (!import.dry_run) write.transaction.commit();
    return done;
}

}  // namespace convene::app
