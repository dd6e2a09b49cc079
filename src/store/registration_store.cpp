#include "convene/store/registration_store.hpp"

#include <charconv>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "convene/domain/email.hpp"
#include "damaged_row.hpp"
#include "statement_use.hpp"
#include "stored_value.hpp"

namespace convene::store {

using domain::Registration;
using domain::RegistrationStatus;

namespace {

// Custom fields ride along with each row as one JSON array of [key, value] pairs, built by a
// subquery over registration_field's primary key: one statement for the whole list, no query
// per registration, and no join whose rows would have to be regrouped.
constexpr std::string_view k_columns = R"sql(
SELECT r.id, r.event_id, r.name, r.email, r.organisation, r.language, r.status,
       r.registered_at, r.checked_in_at,
)sql";
constexpr std::string_view k_fields = R"sql(
       (SELECT json_group_array(json_array(key, value)) FROM
            (SELECT key, value FROM registration_field
             WHERE registration_id = r.id ORDER BY position))
FROM registration AS r
)sql";
// For lists that show no custom field: no subquery per row, no JSON to build and parse.
constexpr std::string_view k_no_fields = "NULL FROM registration AS r\n";

std::string select(std::string_view rest, std::string_view fields = k_fields) {
    return std::string(k_columns) + std::string(fields) + std::string(rest);
}

constexpr std::string_view k_by_email = "WHERE r.event_id = ? AND r.email_key = ?";
constexpr std::string_view k_by_id = "WHERE r.event_id = ? AND r.id = ?";
constexpr std::string_view k_first_waitlisted =
    "WHERE r.event_id = ? AND r.status = 'waitlisted' ORDER BY r.registered_at, r.id LIMIT 1";
// One statement for every filter: a NULL parameter lets all through. The order matches the
// registration_by_time index, so SQLite walks it and never sorts (a unit test checks the plan).
constexpr std::string_view k_list = R"sql(
WHERE r.event_id = ?1
  AND (?2 IS NULL OR r.status = ?2)
  AND (?3 IS NULL OR r.language = ?3)
  AND (?4 IS NULL OR (r.checked_in_at IS NOT NULL) = ?4)
ORDER BY r.registered_at, r.id)sql";
// The custom fields of the same registrations, in the same order, read beside the list and
// merged by id: no subquery per row, no JSON built by SQLite and parsed again. Within one
// registration SQLite sorts by position (a temporary b-tree for that part of the ORDER BY),
// so memory stays that of one registration's fields.
constexpr std::string_view k_list_fields_select = R"sql(
SELECT f.registration_id, f.key, f.value
FROM registration AS r JOIN registration_field AS f ON f.registration_id = r.id
)sql";

std::int64_t seconds(domain::Instant instant) {
    return static_cast<std::int64_t>(instant.time_since_epoch().count());
}

domain::Instant instant(const SQLite::Column& column) {
    return domain::Instant{std::chrono::seconds{integer_column("registration", column)}};
}

// The text first, then its size: the order SQLite documents.
std::string_view text_of(const SQLite::Column& column) {
    const char* text = column.getText();
    return {text, static_cast<std::size_t>(column.getBytes())};
}

// The column's text, without a temporary string: `to` keeps its buffer from row to row.
void assign_text(std::string& to, const SQLite::Column& column) { to.assign(text_of(column)); }

void decode_row(SQLite::Statement& row, Registration& r) {
    r.id = row.getColumn(0).getInt64();
    r.event_id = row.getColumn(1).getInt64();
    assign_text(r.name, row.getColumn(2));
    assign_text(r.email, row.getColumn(3));
    assign_text(r.organisation, row.getColumn(4));
    assign_text(r.language, row.getColumn(5));
    r.status =
        stored_value(domain::parse_registration_status(text_of(row.getColumn(6))), "registration");
    r.registered_at = instant(row.getColumn(7));
    r.checked_in_at.reset();
    if (!row.getColumn(8).isNull()) r.checked_in_at = instant(row.getColumn(8));
    r.fields.clear();
    if (row.getColumn(9).isNull()) return;  // read without fields
    const auto pairs = nlohmann::json::parse(row.getColumn(9).getText());
    for (const auto& pair : pairs) {
        r.fields.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
}

void read_row(SQLite::Statement& row, Registration& r) {
    read_checked("registration", [&] { decode_row(row, r); });
}

std::optional<std::int64_t> as_id(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return id;
}

// A statement prepared on its first use and kept for the store's life: a command that
// registers one person prepares the few it needs, not all thirteen (a fifth of its work).
class Lazy {
public:
    Lazy(SQLite::Database& db, std::string sql) : m_db(db), m_sql(std::move(sql)) {}
    SQLite::Statement& operator*() {
        if (!m_statement) m_statement.emplace(m_db, m_sql);
        return *m_statement;
    }

private:
    SQLite::Database& m_db;
    std::string m_sql;
    std::optional<SQLite::Statement> m_statement;
};

}  // namespace

struct RegistrationStore::Statements {
    explicit Statements(SQLite::Database& db)
        : insert(db, R"sql(
            INSERT INTO registration (event_id, name, email, email_key, organisation, language,
                                      status, registered_at, checked_in_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?))sql"),
          update(db, R"sql(
            UPDATE registration SET name = ?, email = ?, email_key = ?, organisation = ?,
                                    language = ?, status = ?, registered_at = ?,
                                    checked_in_at = ?
            WHERE id = ?)sql"),
          clear_fields(db, "DELETE FROM registration_field WHERE registration_id = ?"),
          insert_field(db, R"sql(
            INSERT INTO registration_field (registration_id, position, key, value)
            VALUES (?, ?, ?, ?))sql"),
          set_status(db, "UPDATE registration SET status = ? WHERE id = ?"),
          set_checked_in(db, "UPDATE registration SET checked_in_at = ? WHERE id = ?"),
          by_email(db, select(k_by_email)),
          by_id(db, select(k_by_id)),
          first_waitlisted(db, select(k_first_waitlisted)),
          // Kept by triggers (schema version 2): one primary-key lookup, not a count of rows.
          count(db, R"sql(
            SELECT coalesce((SELECT n FROM registration_count
                             WHERE event_id = ? AND status = ?), 0))sql"),
          list_without_fields(db, select(k_list, k_no_fields)),
          list_fields(db, std::string(k_list_fields_select) + std::string(k_list) + ", f.position"),
          field_keys(db, R"sql(
            SELECT key FROM (
                SELECT f.key, r.registered_at, r.id, f.position,
                       row_number() OVER (PARTITION BY f.key
                                          ORDER BY r.registered_at, r.id, f.position) AS nth
                FROM registration_field AS f JOIN registration AS r ON r.id = f.registration_id
                WHERE r.event_id = ?)
            WHERE nth = 1
            ORDER BY registered_at, id, position)sql") {}

    Lazy insert, update, clear_fields, insert_field, set_status, set_checked_in;
    Lazy by_email, by_id, first_waitlisted, count, list_without_fields, list_fields, field_keys;
};

RegistrationStore::RegistrationStore(Database& db)
    : m_db(db), m_statements(std::make_unique<Statements>(sqlite(db))) {}

RegistrationStore::~RegistrationStore() = default;

namespace {

// Binds the columns insert and update share, from parameter `first` on; returns the next.
// The texts are bound without a copy: `r` and `key` (its email's key) outlive the exec().
int bind_columns(SQLite::Statement& statement, int first, const Registration& r,
                 const std::string& key) {
    int i = first;
    statement.bindNoCopy(i++, r.name);
    statement.bindNoCopy(i++, r.email);
    statement.bindNoCopy(i++, key);
    statement.bindNoCopy(i++, r.organisation);
    statement.bindNoCopy(i++, r.language);
    statement.bind(i++, std::string(domain::to_string(r.status)));
    statement.bind(i++, seconds(r.registered_at));
    if (r.checked_in_at) statement.bind(i++, seconds(*r.checked_in_at));
    else statement.bind(i++);
    return i;
}

}  // namespace

std::int64_t RegistrationStore::insert(const Registration& registration) {
    const auto key = domain::email_key(registration.email);
    Use insert(*m_statements->insert);
    insert->bind(1, registration.event_id);
    bind_columns(*insert, 2, registration, key);
    try {
        insert->exec();
    } catch (const SQLite::Exception& error) {
        if (error.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) {
            throw ConflictError(
                fmt::format("{} is already registered for this event", registration.email));
        }
        throw;
    }
    const auto id = sqlite(m_db).getLastInsertRowid();
    write_fields(id, registration.fields);
    return id;
}

void RegistrationStore::update(const Registration& registration) {
    {
        const auto key = domain::email_key(registration.email);
        Use update(*m_statements->update);
        const int next = bind_columns(*update, 1, registration, key);
        update->bind(next, registration.id);
        update->exec();
    }
    Use clear(*m_statements->clear_fields);
    clear->bind(1, registration.id);
    clear->exec();
    write_fields(registration.id, registration.fields);
}

void RegistrationStore::write_fields(
    std::int64_t id, const std::vector<std::pair<std::string, std::string>>& fields) {
    int position = 1;
    for (const auto& [key, value] : fields) {
        Use insert(*m_statements->insert_field);
        insert->bind(1, id);
        insert->bind(2, position++);
        insert->bindNoCopy(3, key);
        insert->bindNoCopy(4, value);
        insert->exec();
    }
}

void RegistrationStore::set_status(std::int64_t id, RegistrationStatus status) {
    Use update(*m_statements->set_status);
    update->bind(1, std::string(domain::to_string(status)));
    update->bind(2, id);
    update->exec();
}

void RegistrationStore::set_checked_in(std::int64_t id, std::optional<domain::Instant> when) {
    Use update(*m_statements->set_checked_in);
    if (when) update->bind(1, seconds(*when));
    else update->bind(1);
    update->bind(2, id);
    update->exec();
}

namespace {

std::optional<Registration> find_one(SQLite::Statement& query) {
    if (!query.executeStep()) return std::nullopt;
    Registration registration;
    read_row(query, registration);
    return registration;
}

}  // namespace

std::optional<Registration> RegistrationStore::find_by_email(std::int64_t event_id,
                                                             std::string_view email) {
    const auto key = domain::email_key(email);
    Use query(*m_statements->by_email);
    query->bind(1, event_id);
    query->bindNoCopy(2, key);
    return find_one(*query);
}

std::optional<Registration> RegistrationStore::find_by_id(std::int64_t event_id, std::int64_t id) {
    Use query(*m_statements->by_id);
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
    Use query(*m_statements->count);
    query->bind(1, event_id);
    query->bind(2, std::string(domain::to_string(status)));
    query->executeStep();
    return query->getColumn(0).getInt64();
}

RegistrationCounts RegistrationStore::counts(std::int64_t event_id) {
    // Run once per command, so prepared here rather than with the per-row statements.
    RegistrationCounts counts;
    SQLite::Statement by_status(sqlite(m_db), R"sql(
        SELECT status, count(*), count(checked_in_at) FROM registration
        WHERE event_id = ? GROUP BY status)sql");
    by_status.bind(1, event_id);
    while (by_status.executeStep()) {
        const auto count = by_status.getColumn(1).getInt64();
        switch (stored_value(domain::parse_registration_status(text_of(by_status.getColumn(0))),
                             "registration")) {
            case RegistrationStatus::registered:
                counts.registered = count;
                counts.checked_in = by_status.getColumn(2).getInt64();
                break;
            case RegistrationStatus::waitlisted: counts.waitlisted = count; break;
            case RegistrationStatus::cancelled: counts.cancelled = count; break;
        }
    }
    const auto group = [&](const char* column) {
        std::vector<std::pair<std::string, std::int64_t>> groups;
        SQLite::Statement query(sqlite(m_db), fmt::format(R"sql(
            SELECT {0}, count(*) AS n FROM registration
            WHERE event_id = ? AND status = 'registered'
            GROUP BY {0} ORDER BY n DESC, {0})sql",
                                                          column));
        query.bind(1, event_id);
        while (query.executeStep()) {
            groups.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
        }
        return groups;
    };
    counts.by_language = group("language");
    counts.by_organisation = group("organisation");
    return counts;
}

std::optional<Registration> RegistrationStore::first_waitlisted(std::int64_t event_id) {
    Use query(*m_statements->first_waitlisted);
    query->bind(1, event_id);
    return find_one(*query);
}

void RegistrationStore::for_each(std::int64_t event_id, const RegistrationFilter& filter,
                                 const std::function<void(const Registration&)>& visit,
                                 Fields fields) {
    const auto bind = [&](SQLite::Statement& query) {
        query.bind(1, event_id);
        if (filter.status) query.bind(2, std::string(domain::to_string(*filter.status)));
        if (filter.language) query.bind(3, *filter.language);
        if (filter.checked_in) query.bind(4, *filter.checked_in ? 1 : 0);
    };
    Use query(*m_statements->list_without_fields);
    bind(*query);
    std::optional<Use> field_query;
    bool on_field = false;  // the field statement holds a row not yet given to a registration
    if (fields == Fields::read) {
        field_query.emplace(*m_statements->list_fields);
        bind(**field_query);
        on_field = (*field_query)->executeStep();
    }
    Registration registration;  // reused: its strings keep their buffers from row to row
    while (query->executeStep()) {
        read_row(*query, registration);
        // Both statements walk the same registrations in the same order.
        while (on_field && (*field_query)->getColumn(0).getInt64() == registration.id) {
            auto& field = **field_query;
            registration.fields.emplace_back(text_of(field.getColumn(1)),
                                             text_of(field.getColumn(2)));
            on_field = field.executeStep();
        }
        visit(registration);
    }
}

std::vector<std::string> RegistrationStore::field_keys(std::int64_t event_id) {
    Use query(*m_statements->field_keys);
    query->bind(1, event_id);
    std::vector<std::string> keys;
    while (query->executeStep()) keys.push_back(query->getColumn(0).getString());
    return keys;
}

}  // namespace convene::store
