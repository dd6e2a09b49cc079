#include "convene/app/attendee_rows.hpp"

#include <cstdint>
#include <unordered_map>
#include <utility>

#include "convene/domain/email.hpp"
#include "convene/domain/registration_request.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"

namespace convene::app {

namespace {

// What the ledger holds for the people of one event: read whole, one row per person, when a
// visit asks for it (a query per person would be one per registration).
class LedgerView {
public:
    LedgerView(store::Database& db, std::int64_t event_id, const AttendeeReads& reads) {
        if (!reads.last_sent && !reads.reply) return;
        store::LedgerStore ledger(db);
        if (reads.last_sent) m_sent = ledger.last_sent_all(event_id);
        if (reads.reply) m_replies = ledger.replies(event_id);
    }

    // Points into this view, or null for someone the ledger does not know.
    void find(const domain::Registration& registration, const domain::LastSent*& last_sent,
              const domain::Reply*& reply) const {
        last_sent = nullptr;
        reply = nullptr;
        if (m_sent.empty() && m_replies.empty()) return;  // no key to compute
        const auto key = domain::email_key(registration.email);
        if (const auto found = m_sent.find(key); found != m_sent.end()) last_sent = &found->second;
        if (const auto found = m_replies.find(key); found != m_replies.end()) {
            reply = &found->second;
        }
    }

private:
    std::unordered_map<std::string, domain::LastSent> m_sent;
    std::unordered_map<std::string, domain::Reply> m_replies;
};

// Places in the waiting list, which is the list order (registered_at, then id) of the
// waitlisted. While every waitlisted row is visited they are counted on the way; a filter that
// hides some (language, check-in, reply) needs them counted first.
class WaitlistPositions {
public:
    WaitlistPositions(store::RegistrationStore& registrations, std::int64_t event_id,
                      const store::RegistrationFilter& filter, bool wanted)
        : m_wanted(wanted) {
        if (!wanted || (!filter.language && !filter.checked_in && !filter.reply)) return;
        std::int64_t position = 0;
        registrations.for_each(
            event_id, {.status = domain::RegistrationStatus::waitlisted},
            [&](const domain::Registration& r) { m_counted.emplace(r.id, ++position); },
            store::RegistrationStore::Fields::skip);
        m_precounted = true;
    }

    // Call once per visited registration, in list order.
    std::optional<std::int64_t> next(const domain::Registration& r) {
        if (!m_wanted || r.status != domain::RegistrationStatus::waitlisted) return std::nullopt;
        if (!m_precounted) return ++m_seen;
        const auto found = m_counted.find(r.id);
        if (found == m_counted.end()) return std::nullopt;
        return found->second;
    }

private:
    bool m_wanted{false};
    bool m_precounted{false};
    std::int64_t m_seen{0};
    std::unordered_map<std::int64_t, std::int64_t> m_counted;
};

store::RegistrationStore::Fields fields_of(const AttendeeReads& reads) {
    return reads.custom_fields ? store::RegistrationStore::Fields::read
                               : store::RegistrationStore::Fields::skip;
}

}  // namespace

AttendeeRows::AttendeeRows(store::Database& db, domain::Event event,
                           store::RegistrationFilter filter)
    : m_db(db), m_event(std::move(event)), m_filter(std::move(filter)) {}

std::vector<std::string> AttendeeRows::field_keys() {
    return store::RegistrationStore(m_db).field_keys(m_event.id);
}

store::RegistrationCounts AttendeeRows::counts() {
    return store::RegistrationStore(m_db).counts(m_event.id);
}

void AttendeeRows::for_each(const AttendeeReads& reads, const Visit& visit) {
    store::RegistrationStore registrations(m_db);
    const LedgerView ledger(m_db, m_event.id, reads);
    WaitlistPositions positions(registrations, m_event.id, m_filter, reads.waitlist_position);
    registrations.for_each(
        m_event.id, m_filter,
        [&](const domain::Registration& registration) {
            domain::Attendee attendee{.registration = registration,
                                      .waitlist_position = positions.next(registration)};
            ledger.find(registration, attendee.last_sent, attendee.reply);
            visit(attendee);
        },
        fields_of(reads),
        reads.print_only ? store::RegistrationStore::Visits::print_only
                         : store::RegistrationStore::Visits::may_query);
}

bool AttendeeRows::visit_one(std::string_view email, const AttendeeReads& reads,
                             const Visit& visit) {
    store::RegistrationStore registrations(m_db);
    const auto registration = registrations.find_by_email(m_event.id, email);
    if (!registration) return false;
    domain::Attendee attendee{.registration = *registration};
    // One person: a query each rather than the whole ledger.
    store::LedgerStore ledger(m_db);
    std::optional<domain::LastSent> last_sent;
    std::optional<domain::Reply> reply;
    if (reads.last_sent) last_sent = ledger.last_sent(m_event.id, registration->email);
    if (reads.reply) reply = ledger.reply(m_event.id, registration->email);
    attendee.last_sent = last_sent ? &*last_sent : nullptr;
    attendee.reply = reply ? &*reply : nullptr;
    visit(attendee);
    return true;
}

domain::Checked<AttendeeRows> attendee_rows(store::Database& db, std::string_view event_name,
                                            AttendeeFilter filter) {
    auto event = store::EventStore(db).get(event_name);
    if (filter.language) {
        if (auto problem = domain::normalise_language(*filter.language, event)) {
            return domain::Problem{{}, std::move(*problem), {}};
        }
    }
    if (filter.reply && !filter.status) filter.status = domain::RegistrationStatus::registered;
    return AttendeeRows(db, std::move(event),
                        {.status = filter.status,
                         .language = std::move(filter.language),
                         .checked_in = filter.checked_in,
                         .reply = filter.reply});
}

AttendeeRows attendee_rows(store::Database& db, std::string_view event_name) {
    return AttendeeRows(db, store::EventStore(db).get(event_name));
}

}  // namespace convene::app
