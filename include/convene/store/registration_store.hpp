#pragma once
// Registrations in the database: the only place that knows their tables.
//
// Statements are prepared once, on first use, and reused for every call, so a bulk import of
// 100,000 rows compiles no SQL per row. Make one store per command and keep it for
// the whole command. Custom fields come with each registration, read by the same statement
// (no query per registration).
//
// Streaming the people of an event, e.g. those to invite (export-ics):
//
//   store::RegistrationStore registrations(db);
//   registrations.for_each(event.id, {.status = domain::RegistrationStatus::registered},
//                          [&](const domain::Registration& r) { invite(r); });
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "convene/domain/invitation_ledger.hpp"
#include "convene/domain/registration.hpp"
#include "convene/store/database.hpp"
#include "convene/store/event_store.hpp"

namespace convene::store {

class BulkWriter;
namespace sql {
class Connection;
class Lazy;
class Use;
}  // namespace sql

// Which registrations for_each visits; every empty member lets all through.
struct RegistrationFilter {
    std::optional<domain::RegistrationStatus> status{};
    std::optional<std::string> language{};  // exact tag, as stored
    std::optional<bool> checked_in{};
    // The person's answer in the ledger (attendee_reply); none: no reply recorded.
    std::optional<domain::ReplyKind> reply{};
};

// The registered (people with a seat: those invited) by their answer to the invitation.
struct ReplyCounts {
    std::int64_t accepted{0};
    std::int64_t declined{0};
    std::int64_t tentative{0};
    std::int64_t delegated{0};
    std::int64_t none{0};  // no reply recorded
};

// An event's registrations counted at a glance (`convene stats`).
struct RegistrationCounts {
    std::int64_t registered{0};
    std::int64_t waitlisted{0};
    std::int64_t cancelled{0};
    std::int64_t checked_in{0};  // of the registered
    // Of those checked in, the ones a meeting's attendance report showed (check-in --from).
    std::int64_t attended{0};
    // Of the registered (the people with a seat), most first, then by name; "" is none given.
    std::vector<std::pair<std::string, std::int64_t>> by_language;
    std::vector<std::pair<std::string, std::int64_t>> by_organisation;
    ReplyCounts replies;  // they add up to `registered`
};

class RegistrationStore {
public:
    explicit RegistrationStore(Database& db);
    ~RegistrationStore();
    RegistrationStore(const RegistrationStore&) = delete;
    RegistrationStore& operator=(const RegistrationStore&) = delete;

    // Inserts with its custom fields (in order); returns the new id. The email's comparison
    // key is computed here; a taken email in the same event is a ConflictError.
    std::int64_t insert(const domain::Registration& registration);
    // The same, but when the email is taken in the event (in any status), writes nothing and
    // returns nothing: most people are new, and this costs no look-up first.
    std::optional<std::int64_t> insert_new(const domain::Registration& registration);
    // Rewrites every column but id and event_id, and replaces the custom fields.
    void update(const domain::Registration& registration);
    // Replaces registration `old_id` (cancelled) by `registration`, a new row with a new id
    // after every other: the same person signed up again joins the end of the queue.
    std::int64_t renew(std::int64_t old_id, const domain::Registration& registration);
    // Writes the registration's status and sequence offset (domain::set_status).
    void set_status(const domain::Registration& registration);
    // A time records the arrival; nothing clears it (check-in --undo).
    void set_checked_in(std::int64_t id, std::optional<domain::Instant> when);
    // A registration's time in the online meeting, from its attendance report, and its
    // arrival `checked_in` if none is recorded yet (nothing: the arrival is left as it is).
    struct Attendance {
        std::int64_t id;
        std::chrono::seconds attended;
        std::optional<domain::Instant> checked_in;
    };
    // Writes them a few thousand per statement: one per person was a round trip and a run of
    // the count trigger each on PostgreSQL (1.35 s for 3,000).
    void set_attended(std::span<const Attendance> attendances);

    // By email, compared case-insensitively.
    std::optional<domain::Registration> find_by_email(std::int64_t event_id,
                                                      std::string_view email);
    // By id, only when it belongs to the event.
    std::optional<domain::Registration> find_by_id(std::int64_t event_id, std::int64_t id);
    // By id when the text is all digits, else by email; a miss is a NotFoundError.
    domain::Registration get(std::int64_t event_id, std::string_view email_or_id);

    // O(log n): read from counts the schema keeps per event and status, not counted.
    std::int64_t count(std::int64_t event_id, domain::RegistrationStatus status);
    // Registered and waitlisted together: what a registration is placed by.
    SeatCounts seat_counts(std::int64_t event_id);
    RegistrationCounts counts(std::int64_t event_id);
    // The head of the waiting list: the earliest waitlisted registration (time, then id).
    std::optional<domain::Registration> first_waitlisted(std::int64_t event_id);

    // Whether for_each reads the custom fields; skipping them spares reading their JSON.
    enum class Fields { read, skip };
    // Visits the event's registrations that pass `filter`, in the stable order of every list
    // (registered_at, then id), one at a time: memory does not grow with the number of rows.
    // The Registration passed to `visit` is reused; copy what must outlive the call. With
    // Fields::skip its `fields` are empty. Do not write to registrations from `visit`.
    // Whether `visit` may run statements on the database (send records what it sent) or only
    // prints (a list): then the rows hold the connection alone, which PostgreSQL streams
    // without a round trip per batch (sql::Connection::prepare_alone); a statement run from
    // `visit` would throw std::logic_error there.
    enum class Visits { may_query, print_only };
    void for_each(std::int64_t event_id, const RegistrationFilter& filter,
                  const std::function<void(const domain::Registration&)>& visit,
                  Fields fields = Fields::read, Visits visits = Visits::may_query);

    // A bulk import inside one write transaction: the new registrations of the event (and
    // their custom fields) are held and written together, the engine's fastest way
    // (sql::Connection::bulk_writer); any other call of the store writes what is held first,
    // so callers see an ordinary store. finish() writes the rest: call it before committing.
    class Bulk {
    public:
        Bulk(RegistrationStore& store, std::int64_t event_id);
        ~Bulk();  // without finish(), what is held is dropped: the transaction rolls back
        Bulk(const Bulk&) = delete;
        Bulk& operator=(const Bulk&) = delete;
        void finish();

    private:
        RegistrationStore& m_store;
    };

    // During a Bulk: the registrations of its event with these email keys, read in one
    // statement (only the keys the bulk writer cannot answer for itself) and kept until the
    // next look-ahead or a write to them. insert_new and find_by_email answer from them: an
    // import told its next rows asks nothing per row of the people already stored, as when
    // a form's export is imported again (on PostgreSQL, three round trips a row before).
    void look_ahead(std::span<const std::string> email_keys);

    // The custom field names the event's registrations use, in the order they first appear
    // in the stable order (so columns come out as the organiser's file had them).
    std::vector<std::string> field_keys(std::int64_t event_id);

    // Reads every registration with its custom fields, telling `damaged` of each that does
    // not read back (`db check`).
    void check_rows(const DamagedRows& damaged);

private:
    struct Statements;
    // Every statement of the store is used through these, which write what a Bulk holds
    // first: no method has to remember it.
    sql::Use use(sql::Lazy& statement);
    sql::Connection& connection();

    // What look_ahead read for a key: the stored registration, or nothing (none stored);
    // null when it did not read the key or the key was written since.
    const std::optional<domain::Registration>* ahead(const std::string& key) const;
    void forget_ahead(const domain::Registration& registration);

    Database& m_db;
    std::unique_ptr<Statements> m_statements;
    std::unique_ptr<BulkWriter> m_bulk;                                            // during a Bulk
    std::unordered_map<std::string, std::optional<domain::Registration>> m_ahead;  // look_ahead
};

}  // namespace convene::store
