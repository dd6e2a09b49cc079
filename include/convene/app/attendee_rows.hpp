#pragma once
// An event's registrations as the commands read them, each with its place in the waiting list,
// the last message the ledger holds for the person and their reply (domain::Attendee).
// `list attendees` prints them, `send` plans from them, export-ics writes invitations from
// them, `stats` counts them: the ledger is joined to the registrations here and nowhere else,
// but for the reply a filter picks by and the replies `stats` counts, which the store does in SQL.
//
//   auto rows = app::AttendeeRows(db, event);
//   rows.for_each({.last_sent = true}, [&](const domain::Attendee& a) { plan(a); });
//
// Rows are visited one at a time, in the stable order of every list (registered_at, then id):
// memory does not grow with the number of registrations. What the ledger says of everyone is
// read once per visit. A new fact about a person (say, their attendance) is a member of
// domain::Attendee, a flag of AttendeeReads and one read in AttendeeRows::for_each.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/attendee.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"
#include "convene/store/database.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

// Which registrations a list shows; every empty member lets all through.
struct AttendeeFilter {
    std::optional<domain::RegistrationStatus> status{};
    // As a person gives it: matched to the event's languages as a registration's is.
    std::optional<std::string> language{};
    std::optional<bool> checked_in{};
    // Replies count only from people with a seat (the invited, as in `stats`): without a
    // status, a reply filter shows the registered only.
    std::optional<domain::ReplyKind> reply{};
};

// What a visit reads besides each registration's own columns. Each costs, so only on request.
struct AttendeeReads {
    bool custom_fields{false};      // a subquery per registration
    bool waitlist_position{false};  // a first pass over the waiting list when a filter hides some
    bool last_sent{false};          // the event's ledger
    bool reply{false};              // the event's replies
    // The visit only prints, never reads or writes the database: the rows then stream with
    // the connection to themselves (store::RegistrationStore::Visits::print_only).
    bool print_only{false};
};

class AttendeeRows {
public:
    using Visit = std::function<void(const domain::Attendee&)>;

    // Every registration of `event`, or those `filter` lets through (its language already as
    // the event spells it: see attendee_rows()).
    AttendeeRows(store::Database& db, domain::Event event, store::RegistrationFilter filter = {});

    const domain::Event& event() const { return m_event; }
    // The custom field names the event's registrations use, in order of first appearance.
    std::vector<std::string> field_keys();
    // How many registrations the event has by status, language and organisation (`stats`):
    // kept by the schema, not counted here, and whatever the filter.
    store::RegistrationCounts counts();

    // Visits the rows one at a time. The Attendee passed to `visit` is only valid during the
    // call; do not write to the registrations from `visit`.
    void for_each(const AttendeeReads& reads, const Visit& visit);
    // Visits the one registration with this e-mail (compared case-insensitively), whatever
    // the filter, reading its ledger entries by a query each and no waiting-list position;
    // false, without a visit, when the person is not registered.
    bool visit_one(std::string_view email, const AttendeeReads& reads, const Visit& visit);

private:
    store::Database& m_db;
    domain::Event m_event;
    store::RegistrationFilter m_filter;
};

// The rows of `list attendees`: the event by slug or id (NotFoundError) and the filter's
// language matched to the event's; a language the event does not offer comes back as a
// problem for the caller to word.
domain::Checked<AttendeeRows> attendee_rows(store::Database& db, std::string_view event_name,
                                            AttendeeFilter filter);
// Every row of the event by slug or id (NotFoundError).
AttendeeRows attendee_rows(store::Database& db, std::string_view event_name);

}  // namespace convene::app
