#include "convene/app/database_check.hpp"

#include <fmt/format.h>

#include "convene/domain/capacity.hpp"

namespace convene::app {

namespace {

void check_waiting_lists(store::Database& db, std::vector<store::Finding>& problems) {
    for (const auto& tally : store::events_with_waiting(db)) {
        if (tally.status == domain::EventStatus::cancelled) continue;
        const domain::SeatCounter seats(tally.capacity, tally.registered, tally.waitlisted);
        if (seats.promotable() == 0) continue;
        problems.push_back(
            {"waiting list",
             tally.capacity ? fmt::format("event {} ({}): {} waiting while {} of {} seats are free",
                                          tally.event_id, tally.slug, tally.waitlisted,
                                          *seats.seats_free(), *tally.capacity)
                            : fmt::format("event {} ({}): {} waiting, but it has no capacity",
                                          tally.event_id, tally.slug, tally.waitlisted)});
    }
}

}  // namespace

CheckReport check_database(store::Database& db) {
    const auto snapshot = db.read_snapshot();
    CheckReport report{.database = db.name(), .checked = store::stored_totals(db), .problems = {}};
    auto& problems = report.problems;
    const auto add = [&](std::vector<store::Finding> found) {
        problems.insert(problems.end(), found.begin(), found.end());
    };
    add(store::engine_findings(db));
    add(store::unreadable_rows(db));
    add(store::stored_findings(db));
    check_waiting_lists(db, problems);
    return report;
}

}  // namespace convene::app
