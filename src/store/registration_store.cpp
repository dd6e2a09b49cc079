#include "convene/store/registration_store.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "convene/domain/email.hpp"
#include "damaged_row.hpp"
#include "dialect.hpp"
#include "postgres_connection.hpp"
#include "registration_batch.hpp"
#include "registration_binding.hpp"
#include "sql.hpp"
#include "stored_time.hpp"
#include "stored_value.hpp"

namespace convene::store {

namespace {

// Held rows written by one COPY: enough to make round trips rare, little memory.
constexpr std::size_t k_held_rows = 5000;
// Ids taken from the identity at a time.
constexpr int k_reserved_ids = 1000;

}  // namespace

using domain::Registration;
using domain::RegistrationStatus;

namespace {

// Custom fields ride along with each row of a single look-up as one JSON array of
// [key, value] pairs, built by a subquery over registration_field's primary key (dialect.hpp).
constexpr std::string_view k_columns = R"sql(
SELECT r.id, r.event_id, r.name, r.email, r.organisation, r.language, r.status,
       r.registered_at, r.checked_in_at, r.sequence_offset,
)sql";
// Lists read the fields beside them instead (k_list_fields_select): no subquery per row.
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
ORDER BY r.registered_at, r.id)sql";
// The custom fields of the same registrations, in the same order, read beside the list and
// merged by id: no subquery per row, no JSON built by SQLite and parsed again. Within one
// registration SQLite sorts by position (a temporary b-tree for that part of the ORDER BY),
// so memory stays that of one registration's fields.
constexpr std::string_view k_list_fields_select = R"sql(
SELECT f.registration_id, f.key, f.value
FROM registration AS r JOIN registration_field AS f ON f.registration_id = r.id
)sql";

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
    r.fields.clear();
    if (row.is_null(10)) return;  // read without fields
    const auto pairs = nlohmann::json::parse(row.text(10));
    for (const auto& pair : pairs) {
        r.fields.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
}

void read_row(sql::Statement& row, Registration& r) {
    read_checked("registration", [&] { decode_row(row, r); });
}

std::optional<std::int64_t> as_id(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return id;
}

}  // namespace

struct RegistrationStore::Statements {
    explicit Statements(sql::Connection& db)
        : insert(db, std::string(R"sql(
            INSERT INTO registration (event_id, name, email, email_key, organisation, language,
                                      status, registered_at, checked_in_at, sequence_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, email_key) DO NOTHING)sql") +
                         std::string(dialect::returning_id(db.engine()))),
          update(db, R"sql(
            UPDATE registration SET name = ?, email = ?, email_key = ?, organisation = ?,
                                    language = ?, status = ?, registered_at = ?,
                                    checked_in_at = ?, sequence_offset = ?
            WHERE id = ?)sql"),
          clear_fields(db, "DELETE FROM registration_field WHERE registration_id = ?"),
          delete_row(db, "DELETE FROM registration WHERE id = ?"),
          insert_field(db, R"sql(
            INSERT INTO registration_field (registration_id, position, key, value)
            VALUES (?, ?, ?, ?))sql"),
          set_status(db, "UPDATE registration SET status = ?, sequence_offset = ? WHERE id = ?"),
          set_checked_in(db, "UPDATE registration SET checked_in_at = ? WHERE id = ?"),
          by_email(db, select(k_by_email, dialect::field_pairs(db.engine()))),
          by_id(db, select(k_by_id, dialect::field_pairs(db.engine()))),
          first_waitlisted(db, select(k_first_waitlisted, dialect::field_pairs(db.engine()))),
          // Kept by triggers (schema version 2): one primary-key lookup, not a count of rows.
          status_of(db, "SELECT event_id, status FROM registration WHERE id = ?"),
          count(db, R"sql(
            SELECT coalesce((SELECT n FROM registration_count
                             WHERE event_id = ? AND status = ?), 0))sql"),
          list_without_fields(db, select(k_list, k_no_fields), sql::Lazy::Rows::many),
          list_fields(db, std::string(k_list_fields_select) + std::string(k_list) + ", f.position",
                      sql::Lazy::Rows::many),
          // The names first, then where each first appears: a window over every field
          // sorted them all (a quarter of a list's work); this walks the event's registrations
          // in order and stops at the first that has the field, once per name.
          field_names(db, R"sql(
            SELECT DISTINCT f.key
            FROM registration AS r JOIN registration_field AS f ON f.registration_id = r.id
            WHERE r.event_id = ?)sql"),
          first_with_field(db, R"sql(
            SELECT r.registered_at, r.id, f.position
            FROM registration AS r
            JOIN registration_field AS f ON f.registration_id = r.id AND f.key = ?2
            WHERE r.event_id = ?1
            ORDER BY r.registered_at, r.id LIMIT 1)sql") {}

    sql::Lazy insert, update, clear_fields, delete_row, insert_field, set_status, set_checked_in;
    sql::Lazy by_email, by_id, first_waitlisted, status_of, count;
    sql::Lazy list_without_fields, list_fields, field_names, first_with_field;
};

// Held registrations of a Bulk on PostgreSQL, and the email keys the event had before.
struct RegistrationStore::Held {
    std::int64_t event_id{0};
    std::unordered_set<std::string> stored_keys;  // written: in the database
    std::vector<Registration> rows;               // held, with their ids
    std::unordered_map<std::string, std::size_t> by_key;
    std::vector<std::int64_t> free_ids;  // taken from the identity, highest first

    std::optional<Registration> find(const std::string& key) const {
        const auto found = by_key.find(key);
        if (found == by_key.end()) return std::nullopt;
        return rows[found->second];
    }
};

// What a Bulk on SQLite, with the triggers off, changed in each event's counts (event, status
// → rows added or removed): the counts it expects when it ends.
struct RegistrationStore::CountChanges {
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> rows;
};

RegistrationStore::RegistrationStore(Database& db)
    : m_db(db), m_statements(std::make_unique<Statements>(db.connection())) {}

RegistrationStore::~RegistrationStore() = default;

std::optional<std::int64_t> RegistrationStore::insert_new(const Registration& registration) {
    if (m_held && registration.event_id == m_held->event_id) return hold(registration);
    const auto key = domain::email_key(registration.email);
    std::optional<std::int64_t> id;
    if (m_batch && registration.event_id == m_batch->event_id() && !m_batch->may_hold(key)) {
        id = m_batch->add(registration, key);
    } else {
        // The address may be taken: SQLite's unique key decides, with the batch written.
        if (m_batch) m_batch->write();
        sql::Use insert(*m_statements->insert);
        insert->bind(1, registration.event_id);
        bind_columns(*insert, 2, registration, key);
        id = insert->insert();
        if (!id) return std::nullopt;
        write_fields(*id, registration.fields);
        if (m_batch) m_batch->written(registration.event_id, key, *id);
    }
    if (m_count_changes) {
        const std::string status(domain::to_string(registration.status));
        m_count_changes->rows[{registration.event_id, status}] += 1;
    }
    return id;
}

std::int64_t RegistrationStore::insert(const Registration& registration) {
    if (auto id = insert_new(registration)) return *id;
    throw ConflictError(fmt::format("{} is already registered for this event", registration.email));
}

std::int64_t RegistrationStore::renew(std::int64_t old_id, const Registration& registration) {
    write_held();
    count_change(old_id, std::nullopt);
    // Foreign keys are off during a Bulk on SQLite: the fields go first, by hand.
    for (auto* statement : {&m_statements->clear_fields, &m_statements->delete_row}) {
        sql::Use remove(**statement);
        remove->bind(1, old_id);
        remove->run();
    }
    if (m_held && registration.event_id == m_held->event_id) {
        m_held->stored_keys.erase(domain::email_key(registration.email));
    }
    return insert(registration);
}

void RegistrationStore::count_change(std::int64_t id, std::optional<RegistrationStatus> to) {
    if (!m_count_changes) return;
    sql::Use query(*m_statements->status_of);
    query->bind(1, id);
    if (!query->step()) return;
    const auto event_id = query->integer(0);
    auto& rows = m_count_changes->rows;
    rows[{event_id, std::string(query->text(1))}] -= 1;
    if (to) rows[{event_id, std::string(domain::to_string(*to))}] += 1;
}

void RegistrationStore::update(const Registration& registration) {
    write_held();
    count_change(registration.id, registration.status);
    {
        const auto key = domain::email_key(registration.email);
        sql::Use update(*m_statements->update);
        const int next = bind_columns(*update, 1, registration, key);
        update->bind(next, registration.id);
        update->run();
    }
    sql::Use clear(*m_statements->clear_fields);
    clear->bind(1, registration.id);
    clear->run();
    write_fields(registration.id, registration.fields);
}

void RegistrationStore::write_fields(
    std::int64_t id, const std::vector<std::pair<std::string, std::string>>& fields) {
    int position = 1;
    for (const auto& [key, value] : fields) {
        sql::Use insert(*m_statements->insert_field);
        insert->bind(1, id);
        insert->bind(2, position++);
        insert->bind_reference(3, key);
        insert->bind_reference(4, value);
        insert->run();
    }
}

void RegistrationStore::set_status(const Registration& registration) {
    write_held();
    count_change(registration.id, registration.status);
    sql::Use update(*m_statements->set_status);
    update->bind(1, domain::to_string(registration.status));
    update->bind(2, registration.sequence_offset);
    update->bind(3, registration.id);
    update->run();
}

void RegistrationStore::set_checked_in(std::int64_t id, std::optional<domain::Instant> when) {
    write_held();
    sql::Use update(*m_statements->set_checked_in);
    if (when) update->bind(1, seconds(*when));
    else update->bind_null(1);
    update->bind(2, id);
    update->run();
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
    if (m_held && event_id == m_held->event_id) {
        if (auto held = m_held->find(key)) return *held;
        if (!m_held->stored_keys.count(key)) return std::nullopt;  // no round trip
    }
    if (m_batch) {
        if (event_id == m_batch->event_id() && !m_batch->may_hold(key)) return std::nullopt;
        m_batch->write();
    }
    sql::Use query(*m_statements->by_email);
    query->bind(1, event_id);
    query->bind_reference(2, key);
    return find_one(*query);
}

std::optional<Registration> RegistrationStore::find_by_id(std::int64_t event_id, std::int64_t id) {
    write_held();
    sql::Use query(*m_statements->by_id);
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
    write_held();
    sql::Use query(*m_statements->count);
    query->bind(1, event_id);
    query->bind(2, domain::to_string(status));
    query->step();
    return query->integer(0);
}

RegistrationCounts RegistrationStore::counts(std::int64_t event_id) {
    write_held();
    // Run once per command, so prepared here rather than with the per-row statements.
    RegistrationCounts counts;
    const auto snapshot = m_db.read_snapshot();
    auto by_status = m_db.connection().prepare(R"sql(
        SELECT status, count(*), count(checked_in_at) FROM registration
        WHERE event_id = ? GROUP BY status)sql");
    by_status->bind(1, event_id);
    while (by_status->step()) {
        const auto count = by_status->integer(1);
        switch (
            stored_value(domain::parse_registration_status(by_status->text(0)), "registration")) {
            case RegistrationStatus::registered:
                counts.registered = count;
                counts.checked_in = by_status->integer(2);
                break;
            case RegistrationStatus::waitlisted: counts.waitlisted = count; break;
            case RegistrationStatus::cancelled: counts.cancelled = count; break;
        }
    }
    const auto group = [&](const char* column) {
        std::vector<std::pair<std::string, std::int64_t>> groups;
        auto query = m_db.connection().prepare(fmt::format(R"sql(
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
    return counts;
}

std::optional<Registration> RegistrationStore::first_waitlisted(std::int64_t event_id) {
    write_held();
    sql::Use query(*m_statements->first_waitlisted);
    query->bind(1, event_id);
    return find_one(*query);
}

void RegistrationStore::for_each(std::int64_t event_id, const RegistrationFilter& filter,
                                 const std::function<void(const Registration&)>& visit,
                                 Fields fields) {
    write_held();
    const auto bind = [&](sql::Statement& query) {
        query.bind(1, event_id);
        if (filter.status) query.bind(2, domain::to_string(*filter.status));
        if (filter.language) query.bind(3, *filter.language);
        if (filter.checked_in) query.bind(4, *filter.checked_in ? 1 : 0);
    };
    const auto snapshot = m_db.read_snapshot();
    sql::Use query(*m_statements->list_without_fields);
    bind(*query);
    std::optional<sql::Use> field_query;
    bool on_field = false;  // the field statement holds a row not yet given to a registration
    if (fields == Fields::read) {
        field_query.emplace(*m_statements->list_fields);
        bind(**field_query);
        on_field = (*field_query)->step();
    }
    Registration registration;  // reused: its strings keep their buffers from row to row
    while (query->step()) {
        read_row(*query, registration);
        // Both statements walk the same registrations in the same order.
        while (on_field && (*field_query)->integer(0) == registration.id) {
            auto& field = **field_query;
            registration.fields.emplace_back(field.text(1), field.text(2));
            on_field = field.step();
        }
        visit(registration);
    }
}

void RegistrationStore::check_rows(const DamagedRows& damaged) {
    auto& db = m_db.connection();
    auto query = db.prepare_streamed(select("ORDER BY r.id", dialect::field_pairs(db.engine())));
    Registration registration;
    read_each_checked(
        *query, 0, [&](sql::Statement& row) { read_row(row, registration); }, damaged);
}

std::vector<std::string> RegistrationStore::field_keys(std::int64_t event_id) {
    write_held();
    struct FirstSeen {
        std::string key;
        std::int64_t registered_at, id, position;
    };
    std::vector<FirstSeen> keys;
    {
        sql::Use names(*m_statements->field_names);
        names->bind(1, event_id);
        while (names->step()) keys.push_back({names->string(0), 0, 0, 0});
    }
    for (auto& key : keys) {
        sql::Use first(*m_statements->first_with_field);
        first->bind(1, event_id);
        first->bind(2, key.key);
        first->step();
        key.registered_at = first->integer(0);
        key.id = first->integer(1);
        key.position = first->integer(2);
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

RegistrationStore::Bulk::Bulk(RegistrationStore& store, std::int64_t event_id) : m_store(store) {
    if (store.m_db.connection().set_bulk_writing(true)) {
        store.m_count_changes = std::make_unique<CountChanges>();
    }
    if (!store.m_db.is_postgres()) {
        store.m_batch = std::make_unique<RegistrationBatch>(store.m_db.connection(), event_id);
        return;
    }
    auto held = std::make_unique<Held>();
    held->event_id = event_id;
    auto keys = store.m_db.connection().prepare_streamed(
        "SELECT email_key FROM registration WHERE event_id = ?");
    keys->bind(1, event_id);
    while (keys->step()) held->stored_keys.emplace(keys->text(0));
    store.m_held = std::move(held);
}

RegistrationStore::Bulk::~Bulk() {
    m_store.m_held.reset();
    m_store.m_batch.reset();
    if (m_store.m_count_changes) {
        m_store.m_count_changes.reset();
        m_store.m_db.connection().set_bulk_writing(false);
    }
}

void RegistrationStore::Bulk::finish() {
    m_store.write_held();
    m_store.m_held.reset();
    m_store.m_batch.reset();
    if (!m_store.m_count_changes) return;
    const auto changes = std::move(*m_store.m_count_changes);
    m_store.m_count_changes.reset();
    m_store.recount(changes);
    m_store.m_db.connection().set_bulk_writing(false);
}

void RegistrationStore::recount(const CountChanges& changes) {
    auto& db = m_db.connection();
    auto stored = db.prepare("SELECT status, n FROM registration_count WHERE event_id = ?");
    auto actual =
        db.prepare("SELECT status, count(*) FROM registration WHERE event_id = ? GROUP BY status");
    auto clear = db.prepare("DELETE FROM registration_count WHERE event_id = ?");
    auto write = db.prepare(R"sql(
        INSERT INTO registration_count (event_id, status, n)
        SELECT event_id, status, count(*) FROM registration WHERE event_id = ?
        GROUP BY event_id, status)sql");
    std::map<std::string, std::int64_t> expected;
    std::int64_t event_id = 0;
    const auto check = [&] {
        if (event_id == 0) return;
        stored->bind(1, event_id);
        while (stored->step()) expected[stored->string(0)] += stored->integer(1);
        stored->reset();
        std::erase_if(expected, [](const auto& entry) { return entry.second == 0; });
        std::map<std::string, std::int64_t> counted;
        actual->bind(1, event_id);
        while (actual->step()) counted[actual->string(0)] = actual->integer(1);
        actual->reset();
        // The proof that the bulk kept the books the triggers would have kept.
        if (counted != expected) {
            throw std::logic_error(fmt::format(
                "a bulk import's counts for event {} disagree with its rows", event_id));
        }
        clear->bind(1, event_id);
        clear->run();
        clear->reset();
        write->bind(1, event_id);
        write->run();
        write->reset();
        expected.clear();
    };
    // The map is ordered by event: each event's changes come together.
    for (const auto& [key, rows] : changes.rows) {
        if (key.first != event_id) {
            check();
            event_id = key.first;
        }
        expected[key.second] += rows;
    }
    check();
}

std::optional<std::int64_t> RegistrationStore::hold(const Registration& registration) {
    auto& held = *m_held;
    auto key = domain::email_key(registration.email);
    if (held.by_key.count(key) || held.stored_keys.count(key)) return std::nullopt;
    if (held.free_ids.empty()) {
        auto ids = m_db.connection().prepare(
            fmt::format("SELECT nextval(pg_get_serial_sequence('registration', 'id')) "
                        "FROM generate_series(1, {})",
                        k_reserved_ids));
        while (ids->step()) held.free_ids.push_back(ids->integer(0));
        std::reverse(held.free_ids.begin(), held.free_ids.end());
    }
    held.rows.push_back(registration);
    held.rows.back().id = held.free_ids.back();
    held.free_ids.pop_back();
    held.by_key.emplace(std::move(key), held.rows.size() - 1);
    const auto id = held.rows.back().id;
    if (held.rows.size() >= k_held_rows) write_held();
    return id;
}

void RegistrationStore::write_held() {
    if (m_batch) m_batch->write();
    if (!m_held || m_held->rows.empty()) return;
    auto& held = *m_held;
    std::string registrations;
    std::string fields;
    for (const auto& r : held.rows) {
        registrations += fmt::format("{}\t{}\t", r.id, r.event_id);
        for (const auto* text : {&r.name, &r.email}) {
            append_copy_text(registrations, *text);
            registrations += '\t';
        }
        append_copy_text(registrations, domain::email_key(r.email));
        registrations += '\t';
        append_copy_text(registrations, r.organisation);
        registrations += '\t';
        append_copy_text(registrations, r.language);
        registrations +=
            fmt::format("\t{}\t{}\t", domain::to_string(r.status), seconds(r.registered_at));
        registrations += r.checked_in_at ? fmt::format("{}", seconds(*r.checked_in_at)) : "\\N";
        registrations += fmt::format("\t{}\n", r.sequence_offset);
        int position = 1;
        for (const auto& [key, value] : r.fields) {
            fields += fmt::format("{}\t{}\t", r.id, position++);
            append_copy_text(fields, key);
            fields += '\t';
            append_copy_text(fields, value);
            fields += '\n';
        }
    }
    auto& connection = static_cast<PostgresConnection&>(m_db.connection());
    connection.copy_in(
        "registration (id, event_id, name, email, email_key, organisation, language, status, "
        "registered_at, checked_in_at, sequence_offset)",
        registrations);
    if (!fields.empty()) {
        connection.copy_in("registration_field (registration_id, position, key, value)", fields);
    }
    for (auto& [key, index] : held.by_key) held.stored_keys.insert(key);
    held.rows.clear();
    held.by_key.clear();
}

}  // namespace convene::store
