#include "postgres_bulk_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/domain/email.hpp"
#include "field_pairs.hpp"
#include "row_writer.hpp"
#include "stored_time.hpp"

namespace convene::store {

namespace {

// Held rows written by one COPY: enough to make round trips rare, little memory.
constexpr std::size_t k_held_rows = 5000;
// Ids taken from the identity at a time: those of a whole COPY (see hold).
constexpr std::size_t k_reserved_ids = k_held_rows;
// A "maybe" costs a few round trips here, not a look-up in a local file as on SQLite: eight
// times SQLite's filter (4 MiB), about one "maybe" in 6,000 new keys after a million.
constexpr int k_filter_log2_bits = 25;

}  // namespace

PostgresBulkWriter::PostgresBulkWriter(sql::Connection& db, std::int64_t event_id)
    : m_db(db),
      m_copy(db.row_writer("registration",
                           "id, event_id, name, email, email_key, organisation, language, status, "
                           "registered_at, checked_in_at, sequence_offset, attended_seconds, "
                           "fields",
                           13)),
      m_event_id(event_id),
      m_stored_keys(k_filter_log2_bits),
      m_updates(db) {
    auto keys = db.prepare_streamed("SELECT email_key FROM registration WHERE event_id = ?");
    keys->bind(1, event_id);
    while (keys->step()) m_stored_keys.add(keys->text(0));
    names_kept(true);
}

PostgresBulkWriter::~PostgresBulkWriter() {
    if (m_finished) return;
    try {
        names_kept(false);
    } catch (...) {  // the connection or the transaction failed: it rolls back
    }
}

// set_config(…, true) lasts until the transaction ends: a rollback turns the trigger on too.
void PostgresBulkWriter::names_kept(bool on) {
    auto set = m_db.prepare("SELECT set_config('convene.names_kept', ?, true)");
    set->bind(1, on ? "on" : "off");
    set->step();
}

void PostgresBulkWriter::fields_written(
    std::int64_t event_id, const std::vector<std::pair<std::string, std::string>>& fields) {
    m_names.note(event_id, fields);
}

void PostgresBulkWriter::finish() {
    flush();
    m_names.write(m_db);
    names_kept(false);
    m_finished = true;
}

BulkWriter::Key PostgresBulkWriter::key_known(std::string_view key) const {
    if (m_by_key.count(std::string(key)) > 0 || m_updates.holds(key)) return Key::taken;
    return m_stored_keys.may_contain(key) ? Key::unknown : Key::free;
}

BulkWriter::Key PostgresBulkWriter::key(std::string_view key) {
    if (const auto known = key_known(key); known != Key::unknown) return known;
    // A "maybe" is asked of the database, never left unknown: an unknown key's row would be
    // inserted by a statement of its own, its id from the sequence past the ids reserved for
    // the held rows, and so placed after rows that come later in the file (their waiting list
    // order, among rows of the same second). Held rows are not in the database: m_by_key
    // answered for them.
    if (!m_key_query) {
        m_key_query =
            m_db.prepare("SELECT count(*) FROM registration WHERE event_id = ? AND email_key = ?");
    }
    sql::Use query(*m_key_query);
    query->bind(1, m_event_id);
    query->bind(2, key);
    query->step();
    return query->integer(0) > 0 ? Key::taken : Key::free;
}

const domain::Registration* PostgresBulkWriter::find_held(std::string_view key) const {
    const auto found = m_by_key.find(std::string(key));
    return found == m_by_key.end() ? nullptr : &m_rows[found->second];
}

void PostgresBulkWriter::reserve_ids() {
    // The sequence looked up once: per row, the look-up took 85 % of the time (8 ms for
    // 1,000 ids against 1.5).
    auto ids = m_db.prepare(fmt::format(
        "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('registration', 'id')::regclass "
        "AS id) SELECT nextval(s.id) FROM s, generate_series(1, {})",
        k_reserved_ids));
    while (ids->step()) m_free_ids.push_back(ids->integer(0));
    std::reverse(m_free_ids.begin(), m_free_ids.end());
}

std::int64_t PostgresBulkWriter::next_id() {
    if (m_free_ids.empty()) reserve_ids();
    const auto id = m_free_ids.back();
    m_free_ids.pop_back();
    return id;
}

std::int64_t PostgresBulkWriter::hold(const domain::Registration& registration,
                                      const std::string& key) {
    m_rows.push_back(registration);
    const auto id = m_rows.back().id = next_id();
    m_by_key.emplace(key, m_rows.size() - 1);
    if (m_rows.size() >= k_held_rows) {
        // The next rows' ids before their COPY: a statement sent after it waits for its
        // answer (PostgresConnection::copy_in), and the server would write these rows while
        // the import waits instead of reading the next ones.
        if (m_free_ids.empty()) reserve_ids();
        flush();
    }
    return id;
}

void PostgresBulkWriter::inserted(const domain::Registration& registration, std::string_view key,
                                  std::int64_t /*id*/) {
    if (registration.event_id == m_event_id) m_stored_keys.add(key);
}

void PostgresBulkWriter::deleting(std::int64_t /*id*/, std::int64_t /*event_id*/,
                                  std::string_view /*key*/) {
    flush();  // the row may be held: stored first
}

void PostgresBulkWriter::flush_for_key(std::string_view key) {
    if (m_updates.holds(key)) flush();
}

bool PostgresBulkWriter::hold_update(const domain::Registration& registration,
                                     const std::string& key) {
    if (registration.event_id != m_event_id) return false;
    // Its row held, or updated already: written first, so that no row is in the batch twice
    // (one statement updating a row twice would keep either change).
    if (m_by_key.count(key) > 0 || m_updates.holds(key)) flush();
    m_updates.hold(registration, key);
    if (m_updates.size() >= k_held_rows) flush();
    return true;
}

// The held rows, then the held updates (of rows stored before), then the names of the
// custom fields of both and of the rows the store wrote itself.
void PostgresBulkWriter::flush() {
    write_held_rows();
    m_updates.write();
    m_names.write(m_db);
}

void PostgresBulkWriter::write_held_rows() {
    if (m_rows.empty()) return;
    auto& row = *m_copy;
    for (const auto& r : m_rows) {
        row.value(r.id);
        row.value(r.event_id);
        row.value(r.name);
        row.value(r.email);
        row.value(domain::email_key(r.email));
        row.value(r.organisation);
        row.value(r.language);
        row.value(domain::to_string(r.status));
        row.value(seconds(r.registered_at));
        if (r.checked_in_at) row.value(seconds(*r.checked_in_at));
        else row.null();
        row.value(r.sequence_offset);
        if (r.attended) row.value(static_cast<std::int64_t>(r.attended->count()));
        else row.null();
        if (encode_field_pairs(r.fields, m_fields_json)) row.value(m_fields_json);
        else row.null();
        row.end_row();
        m_names.note(r.event_id, r.fields);
    }
    m_copy->finish();
    for (auto& [key, index] : m_by_key) m_stored_keys.add(key);
    m_rows.clear();
    m_by_key.clear();
}

}  // namespace convene::store
