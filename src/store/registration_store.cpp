#include "convene/store/registration_store.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "bulk_writer.hpp"
#include "convene/domain/email.hpp"
#include "convene/text/utf8.hpp"
#include "damaged_row.hpp"
#include "dialect.hpp"
#include "field_pairs.hpp"
#include "registration_binding.hpp"
#include "sql.hpp"
#include "stored_time.hpp"
#include "stored_value.hpp"

namespace convene::store {

using domain::Registration;
using domain::RegistrationStatus;

namespace {

// Custom fields are a column of the row since schema version 12: a JSON array of [key, value]
// pairs (field_pairs.hpp), or NULL, which a read without the fields also selects.
constexpr std::string_view k_columns = R"sql(
SELECT r.id, r.event_id, r.name, r.email, r.organisation, r.language, r.status,
       r.registered_at, r.checked_in_at, r.sequence_offset, r.attended_seconds,
)sql";
constexpr std::string_view k_fields = "r.fields";
constexpr std::string_view k_no_fields = "NULL";

std::string select(std::string_view rest, std::string_view fields) {
    return fmt::format("{}{}\nFROM registration AS r\n{}", k_columns, fields, rest);
}

constexpr std::string_view k_by_email = "WHERE r.event_id = ? AND r.email_key = ?";
constexpr std::string_view k_by_id = "WHERE r.event_id = ? AND r.id = ?";
constexpr std::string_view k_first_waitlisted =
    "WHERE r.event_id = ? AND r.status = 'waitlisted' ORDER BY r.registered_at, r.id LIMIT 1";
// One statement for every filter: a NULL parameter lets all through (typed by a CAST, which
// PostgreSQL needs to know what a parameter that may be NULL holds). The order matches the
// registration_by_time index, so SQLite walks it and never sorts (a unit test checks the plan).
constexpr std::string_view k_list = R"sql(
WHERE r.event_id = ?1
  AND (CAST(?2 AS text) IS NULL OR r.status = ?2)
  AND (CAST(?3 AS text) IS NULL OR r.language = ?3)
  AND (CAST(?4 AS integer) IS NULL
       OR (CASE WHEN r.checked_in_at IS NULL THEN 0 ELSE 1 END) = ?4)
  AND (CAST(?5 AS text) IS NULL
       OR coalesce((SELECT a.partstat FROM attendee_reply AS a
                    WHERE a.event_id = r.event_id AND a.email_key = r.email_key), '') = ?5)
ORDER BY r.registered_at, r.id)sql";
// Never negative (the schema's CHECK): a negative time was written behind convene's back.
std::chrono::seconds attended_column(sql::Statement& row, int column) {
    const auto value = integer_column("registration", row, column);
    if (value < 0) throw_damaged("registration", "'attended_seconds' is negative");
    return std::chrono::seconds{value};
}

void decode_row(sql::Statement& row, Registration& r) {
    r.id = row.integer(0);
    r.event_id = row.integer(1);
    r.name.assign(row.text(2));
    r.email.assign(row.text(3));
    r.organisation.assign(row.text(4));
    r.language.assign(row.text(5));
    r.status = stored_value(domain::parse_registration_status(row.text(6)), "registration");
    r.registered_at = instant_column("registration", row, 7);
    r.checked_in_at.reset();
    if (!row.is_null(8)) r.checked_in_at = instant_column("registration", row, 8);
    r.sequence_offset = integer_column("registration", row, 9);
    r.attended.reset();
    if (!row.is_null(10)) r.attended = attended_column(row, 10);
    r.fields.clear();
    if (row.is_null(11)) return;  // none, or read without fields
    decode_field_pairs(row.text(11), r.fields);
}

void read_row(sql::Statement& row, Registration& r) {
    read_checked("registration", [&] { decode_row(row, r); });
}

// The key as every writer of the fields' JSON spells it (convene, SQLite's json_array,
// PostgreSQL's json_build_array), in quotes: when it has nothing any of them escapes.
std::optional<std::string> quoted_json_key(std::string_view key) {
    for (const char c : key) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    }
    return fmt::format("\"{}\"", key);
}

std::optional<std::int64_t> as_id(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return id;
}

// The registered by their reply: a reply counts only from people with a seat, those the
// invitations go to. One reply row per person at most (its primary key), so a left join
// counts each registration once.
ReplyCounts reply_counts(sql::Connection& db, std::int64_t event_id) {
    auto query = db.prepare(R"sql(
        SELECT coalesce(a.partstat, ''), count(*)
        FROM registration AS r
        LEFT JOIN attendee_reply AS a ON a.event_id = r.event_id AND a.email_key = r.email_key
        WHERE r.event_id = ? AND r.status = 'registered'
        GROUP BY coalesce(a.partstat, ''))sql");
    query->bind(1, event_id);
    ReplyCounts counts;
    while (query->step()) {
        const auto kind = domain::reply_kind_of(query->text(0));
        if (!kind) throw_damaged("attendee_reply", "its partstat is not one convene records");
        const auto n = query->integer(1);
        switch (*kind) {
            case domain::ReplyKind::accepted: counts.accepted = n; break;
            case domain::ReplyKind::declined: counts.declined = n; break;
            case domain::ReplyKind::tentative: counts.tentative = n; break;
            case domain::ReplyKind::delegated: counts.delegated = n; break;
            case domain::ReplyKind::none: counts.none = n; break;
        }
    }
    return counts;
}

}  // namespace

struct RegistrationStore::Statements {
    explicit Statements(sql::Connection& db)
        : insert(db, std::string(R"sql(
            INSERT INTO registration (event_id, name, email, email_key, organisation, language,
                                      status, registered_at, checked_in_at, sequence_offset,
                                      attended_seconds, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, email_key) DO NOTHING)sql") +
                         std::string(dialect::returning_id(db.engine()))),
          update(db, R"sql(
            UPDATE registration SET name = ?, email = ?, email_key = ?, organisation = ?,
                                    language = ?, status = ?, registered_at = ?,
                                    checked_in_at = ?, sequence_offset = ?,
                                    attended_seconds = ?, fields = ?
            WHERE id = ?)sql"),
          delete_row(db, "DELETE FROM registration WHERE id = ?"),
          set_status(db, "UPDATE registration SET status = ?, sequence_offset = ? WHERE id = ?"),
          set_checked_in(db, "UPDATE registration SET checked_in_at = ? WHERE id = ?"),
          set_attended(db, fmt::format(R"sql(
            UPDATE registration AS r
            SET attended_seconds = CAST(a.value ->> 'attended' AS bigint),
                checked_in_at = coalesce(r.checked_in_at, CAST(a.value ->> 'checked_in' AS bigint))
            FROM {} WHERE r.id = CAST(a.value ->> 'id' AS bigint))sql",
                                       dialect::json_elements(db.engine(), "?", "a"))),
          by_email(db, select(k_by_email, k_fields)),
          by_id(db, select(k_by_id, k_fields)),
          // The key too (column 12), to tell which asked key each row is.
          ahead(db, select(fmt::format("WHERE r.event_id = ? AND {}",
                                       dialect::in_json_texts(db.engine(), "r.email_key", "?")),
                           fmt::format("{}, r.email_key", k_fields))),
          first_waitlisted(db, select(k_first_waitlisted, k_fields)),
          // Kept by triggers (schema version 2): one primary-key lookup, not a count of rows.
          count(db, R"sql(
            SELECT coalesce((SELECT n FROM registration_count
                             WHERE event_id = ? AND status = ?), 0))sql"),
          // Both counts a registration decides on, in one round trip.
          seat_counts(db, R"sql(
            SELECT coalesce(sum(CASE WHEN status = 'registered' THEN n END), 0),
                   coalesce(sum(CASE WHEN status = 'waitlisted' THEN n END), 0)
            FROM registration_count WHERE event_id = ?)sql"),
          list_without_fields(db, select(k_list, k_no_fields), sql::Lazy::Rows::many),
          list_with_fields(db, select(k_list, k_fields), sql::Lazy::Rows::many),
          list_alone_without_fields(db, select(k_list, k_no_fields), sql::Lazy::Rows::alone),
          list_alone_with_fields(db, select(k_list, k_fields), sql::Lazy::Rows::alone),
          // The names first (kept apart since schema version 11: finding them among the
          // event's fields read every field), then where each first appears: this walks the
          // event's registrations in order and stops at the first that has the field.
          field_names(db, "SELECT key FROM event_field_name WHERE event_id = ?"),
          // ?3, the key as JSON writes it, skips the rows whose text lacks it without
          // reading their JSON: a name no row has any more walked every row, 124 ms of
          // PostgreSQL's time for 100,000 (37 with it).
          first_with_field(db, fmt::format(R"sql(
            SELECT r.registered_at, r.id, {1}
            FROM registration AS r, {0}
            WHERE r.event_id = ?1 AND r.fields IS NOT NULL
              AND (CAST(?3 AS text) IS NULL OR {3})
              AND {2} = ?2
            ORDER BY r.registered_at, r.id LIMIT 1)sql",
                                           dialect::field_pairs_from(db.engine(), "r.fields", "p"),
                                           dialect::field_position(db.engine(), "p"),
                                           dialect::field_key(db.engine(), "p"),
                                           dialect::text_contains(db.engine(), "r.fields", "?3"))) {
    }

    sql::Lazy insert, update, delete_row, set_status, set_checked_in, set_attended;
    sql::Lazy by_email, by_id, ahead, first_waitlisted, count, seat_counts;
    sql::Lazy list_without_fields, list_with_fields, list_alone_without_fields,
        list_alone_with_fields;
    sql::Lazy field_names, first_with_field;
};

RegistrationStore::RegistrationStore(Database& db)
    : m_db(db), m_statements(std::make_unique<Statements>(db.connection())) {}

RegistrationStore::~RegistrationStore() = default;

sql::Use RegistrationStore::use(sql::Lazy& statement) {
    if (m_bulk) m_bulk->flush();
    return sql::Use(*statement);
}

sql::Connection& RegistrationStore::connection() {
    if (m_bulk) m_bulk->flush();
    return m_db.connection();
}

std::optional<std::int64_t> RegistrationStore::insert_new(const Registration& registration) {
    const auto key = domain::email_key(registration.email);
    if (m_bulk && registration.event_id == m_bulk->event_id()) {
        if (const auto* known = ahead(key)) {
            if (known->has_value()) return std::nullopt;  // stored
            m_ahead.erase(key);  // neither stored nor held (look_ahead): free
            return m_bulk->hold(registration, key);
        }
        switch (m_bulk->key(key)) {
            case BulkWriter::Key::free: return m_bulk->hold(registration, key);
            case BulkWriter::Key::taken: return std::nullopt;
            case BulkWriter::Key::unknown: break;  // the unique key decides
        }
    }
    m_ahead.erase(key);
    std::optional<std::int64_t> id;
    {
        auto insert = use(m_statements->insert);
        insert->bind(1, registration.event_id);
        bind_columns(*insert, 2, registration, key);
        id = insert->insert();
    }
    if (!id) return std::nullopt;
    if (m_bulk) {
        m_bulk->fields_written(registration.event_id, registration.fields);
        m_bulk->inserted(registration, key, *id);
    }
    return id;
}

std::int64_t RegistrationStore::insert(const Registration& registration) {
    if (auto id = insert_new(registration)) return *id;
    throw ConflictError(fmt::format("{} is already registered for this event", registration.email));
}

std::int64_t RegistrationStore::renew(std::int64_t old_id, const Registration& registration) {
    // The row it replaces is the same person's: the same event and email key.
    forget_ahead(registration);
    if (m_bulk) {
        m_bulk->deleting(old_id, registration.event_id, domain::email_key(registration.email));
    }
    {
        auto remove = use(m_statements->delete_row);
        remove->bind(1, old_id);
        remove->run();
    }
    return insert(registration);
}

void RegistrationStore::update(const Registration& registration) {
    forget_ahead(registration);
    if (m_bulk) m_bulk->status_changing(registration.id, registration.status);
    if (const auto key = domain::email_key(registration.email);
        !m_bulk || !m_bulk->hold_update(registration, key)) {
        auto update = use(m_statements->update);
        const int next = bind_columns(*update, 1, registration, key);
        update->bind(next, registration.id);
        update->run();
    }
    // Written with the row; the names are the triggers', or the Bulk's while they are off.
    if (m_bulk) m_bulk->fields_written(registration.event_id, registration.fields);
}

void RegistrationStore::set_status(const Registration& registration) {
    forget_ahead(registration);
    if (m_bulk) m_bulk->status_changing(registration.id, registration.status);
    auto update = use(m_statements->set_status);
    update->bind(1, domain::to_string(registration.status));
    update->bind(2, registration.sequence_offset);
    update->bind(3, registration.id);
    update->run();
}

void RegistrationStore::set_checked_in(std::int64_t id, std::optional<domain::Instant> when) {
    m_ahead.clear();  // by id: whose key is not known here
    auto update = use(m_statements->set_checked_in);
    if (when) update->bind(1, seconds(*when));
    else update->bind_null(1);
    update->bind(2, id);
    update->run();
}

void RegistrationStore::set_attended(std::span<const Attendance> attendances) {
    constexpr std::size_t k_per_statement = 5000;
    m_ahead.clear();  // by id: whose key is not known here
    std::string json;
    for (std::size_t first = 0; first < attendances.size(); first += k_per_statement) {
        json = "[";
        const auto last = std::min(attendances.size(), first + k_per_statement);
        for (std::size_t i = first; i < last; ++i) {
            const auto& a = attendances[i];
            fmt::format_to(std::back_inserter(json), "{}{{\"id\":{},\"attended\":{}",
                           i > first ? "," : "", a.id, a.attended.count());
            if (a.checked_in) {
                fmt::format_to(std::back_inserter(json), ",\"checked_in\":{}",
                               seconds(*a.checked_in));
            }
            json += '}';
        }
        json += ']';
        auto update = use(m_statements->set_attended);
        update->bind_reference(1, json);
        update->run();
    }
}

namespace {

std::optional<Registration> find_one(sql::Statement& query) {
    if (!query.step()) return std::nullopt;
    Registration registration;
    read_row(query, registration);
    return registration;
}

}  // namespace

std::optional<Registration> RegistrationStore::find_by_email(std::int64_t event_id,
                                                             std::string_view email) {
    const auto key = domain::email_key(email);
    const bool bulk_event = m_bulk && event_id == m_bulk->event_id();
    if (bulk_event) {
        if (const auto* held = m_bulk->find_held(key)) return *held;
        if (const auto* known = ahead(key)) return *known;
        if (m_bulk->key(key) == BulkWriter::Key::free) return std::nullopt;  // no query
        m_bulk->flush_for_key(key);
    }
    auto query = bulk_event ? sql::Use(*m_statements->by_email) : use(m_statements->by_email);
    query->bind(1, event_id);
    query->bind_reference(2, key);
    return find_one(*query);
}

std::optional<Registration> RegistrationStore::find_by_id(std::int64_t event_id, std::int64_t id) {
    auto query = use(m_statements->by_id);
    query->bind(1, event_id);
    query->bind(2, id);
    return find_one(*query);
}

Registration RegistrationStore::get(std::int64_t event_id, std::string_view email_or_id) {
    const auto id = as_id(email_or_id);
    auto found = id ? find_by_id(event_id, *id) : find_by_email(event_id, email_or_id);
    if (!found) {
        throw NotFoundError(fmt::format("no registration '{}' for this event", email_or_id),
                            "'convene list attendees EVENT' shows who is registered");
    }
    return std::move(*found);
}

std::int64_t RegistrationStore::count(std::int64_t event_id, RegistrationStatus status) {
    auto query = use(m_statements->count);
    query->bind(1, event_id);
    query->bind(2, domain::to_string(status));
    query->step();
    return query->integer(0);
}

SeatCounts RegistrationStore::seat_counts(std::int64_t event_id) {
    auto query = use(m_statements->seat_counts);
    query->bind(1, event_id);
    query->step();
    return {query->integer(0), query->integer(1)};
}

RegistrationCounts RegistrationStore::counts(std::int64_t event_id) {
    // Run once per command, so prepared here rather than with the per-row statements.
    RegistrationCounts counts;
    const auto snapshot = m_db.read_snapshot();
    auto by_status = connection().prepare(R"sql(
        SELECT status, count(*), count(checked_in_at),
               count(CASE WHEN checked_in_at IS NOT NULL THEN attended_seconds END)
        FROM registration WHERE event_id = ? GROUP BY status)sql");
    by_status->bind(1, event_id);
    while (by_status->step()) {
        const auto count = by_status->integer(1);
        switch (
            stored_value(domain::parse_registration_status(by_status->text(0)), "registration")) {
            case RegistrationStatus::registered:
                counts.registered = count;
                counts.checked_in = by_status->integer(2);
                counts.attended = by_status->integer(3);
                break;
            case RegistrationStatus::waitlisted: counts.waitlisted = count; break;
            case RegistrationStatus::cancelled: counts.cancelled = count; break;
        }
    }
    const auto group = [&](const char* column) {
        std::vector<std::pair<std::string, std::int64_t>> groups;
        auto query = connection().prepare(fmt::format(R"sql(
            SELECT {0}, count(*) AS n FROM registration
            WHERE event_id = ? AND status = 'registered'
            GROUP BY {0} ORDER BY n DESC, {0})sql",
                                                      column));
        query->bind(1, event_id);
        while (query->step()) {
            groups.emplace_back(query->string(0), query->integer(1));
        }
        return groups;
    };
    counts.by_language = group("language");
    counts.by_organisation = group("organisation");
    counts.replies = reply_counts(connection(), event_id);
    return counts;
}

std::optional<Registration> RegistrationStore::first_waitlisted(std::int64_t event_id) {
    auto query = use(m_statements->first_waitlisted);
    query->bind(1, event_id);
    return find_one(*query);
}

void RegistrationStore::for_each(std::int64_t event_id, const RegistrationFilter& filter,
                                 const std::function<void(const Registration&)>& visit,
                                 Fields fields, Visits visits) {
    const auto snapshot = m_db.read_snapshot();
    const bool with_fields = fields == Fields::read;
    // Printing only: one statement that holds the connection, which PostgreSQL streams (COPY),
    // the fields with the rest of the row since schema version 12.
    auto& statement =
        visits == Visits::print_only
            ? (with_fields ? m_statements->list_alone_with_fields
                           : m_statements->list_alone_without_fields)
            : (with_fields ? m_statements->list_with_fields : m_statements->list_without_fields);
    auto query = use(statement);
    query->bind(1, event_id);
    if (filter.status) query->bind(2, domain::to_string(*filter.status));
    if (filter.language) query->bind(3, *filter.language);
    if (filter.checked_in) query->bind(4, *filter.checked_in ? 1 : 0);
    if (filter.reply) query->bind(5, std::string(domain::partstat_of(*filter.reply)));
    Registration registration;  // reused: its strings keep their buffers from row to row
    while (query->step()) {
        read_row(*query, registration);
        visit(registration);
    }
}

void RegistrationStore::check_rows(const DamagedRows& damaged) {
    auto& db = connection();
    auto query = db.prepare_streamed(select("ORDER BY r.id", k_fields));
    Registration registration;
    read_each_checked(
        *query, 0, [&](sql::Statement& row) { read_row(row, registration); }, damaged);
}

std::vector<std::string> RegistrationStore::field_keys(std::int64_t event_id) {
    struct FirstSeen {
        std::string key;
        std::int64_t registered_at, id, position;
    };
    std::vector<std::string> names;
    {
        auto query = use(m_statements->field_names);
        query->bind(1, event_id);
        while (query->step()) names.push_back(query->string(0));
    }
    std::vector<FirstSeen> keys;
    for (auto& name : names) {
        auto first = use(m_statements->first_with_field);
        first->bind(1, event_id);
        first->bind(2, name);
        if (const auto needle = quoted_json_key(name)) first->bind(3, *needle);
        // A name whose last field has gone names no column.
        if (first->step()) {
            keys.push_back(
                {std::move(name), first->integer(0), first->integer(1), first->integer(2)});
        }
    }
    std::sort(keys.begin(), keys.end(), [](const FirstSeen& a, const FirstSeen& b) {
        return std::tie(a.registered_at, a.id, a.position) <
               std::tie(b.registered_at, b.id, b.position);
    });
    std::vector<std::string> ordered;
    for (auto& key : keys) ordered.push_back(std::move(key.key));
    return ordered;
}

}  // namespace convene::store

namespace convene::store {

void RegistrationStore::look_ahead(std::span<const std::string> email_keys) {
    m_ahead.clear();  // the rows before these are placed: memory stays one window's
    if (!m_bulk) return;
    std::string keys = "[";
    for (const auto& key : email_keys) {
        // Only what the writer cannot tell; text the database would refuse is refused later.
        if (m_bulk->key_known(key) != BulkWriter::Key::unknown || m_bulk->find_held(key) ||
            !text::is_valid_utf8(key) || !m_ahead.try_emplace(key).second) {
            continue;
        }
        // A writer that does not know its held keys writes them first (SQLite's).
        m_bulk->flush_for_key(key);
        if (keys.size() > 1) keys += ',';
        append_json_string(keys, key);
    }
    if (m_ahead.empty()) return;
    keys += ']';
    // Not through use(): a writer that knows its held rows need not write them for this.
    sql::Use query(*m_statements->ahead);
    query->bind(1, m_bulk->event_id());
    query->bind_reference(2, keys);
    while (query->step()) {
        const auto found = m_ahead.find(std::string(query->text(12)));
        if (found == m_ahead.end()) continue;
        read_row(*query, found->second.emplace());
    }
}

const std::optional<Registration>* RegistrationStore::ahead(const std::string& key) const {
    const auto found = m_ahead.find(key);
    return found == m_ahead.end() ? nullptr : &found->second;
}

// A write to the registration: what look_ahead read of it is out of date.
void RegistrationStore::forget_ahead(const Registration& registration) {
    if (!m_ahead.empty()) m_ahead.erase(domain::email_key(registration.email));
}

RegistrationStore::Bulk::Bulk(RegistrationStore& store, std::int64_t event_id) : m_store(store) {
    store.m_bulk = store.m_db.connection().bulk_writer(event_id);
}

RegistrationStore::Bulk::~Bulk() {
    m_store.m_bulk.reset();
    m_store.m_ahead.clear();
}

void RegistrationStore::Bulk::finish() {
    // Gone from the store first: what finish() runs is not held back by the writer.
    m_store.m_ahead.clear();
    const auto writer = std::move(m_store.m_bulk);
    writer->finish();
}

}  // namespace convene::store
