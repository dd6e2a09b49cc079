#include "sqlite_bulk_writer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "registration_binding.hpp"

namespace convene::store {

namespace {

// Rows per INSERT: past about fifty, a longer statement saved little more (bench/README.md).
constexpr std::size_t k_rows = 50;
constexpr int k_row_parameters = 13;

// "INSERT OR ROLLBACK INTO target VALUES (?, …), (?, …) …": `rows` rows of `columns`
// parameters. A row the schema refuses ends the import, whose transaction then rolls back:
// OR ROLLBACK does that at once, so SQLite keeps no journal to undo the statement alone (the
// pages of fifty rows, which went to a temporary file past SQLite's 64 KiB: a tenth of the
// import's time). A unit test checks that nothing is left of a refused bulk.
std::string insert(std::string_view target, int columns, std::size_t rows) {
    std::string row = "(?";
    for (int i = 1; i < columns; ++i) row += ", ?";
    row += ')';
    std::string sql = fmt::format("INSERT OR ROLLBACK INTO {} VALUES {}", target, row);
    for (std::size_t i = 1; i < rows; ++i) sql.append(", ").append(row);
    return sql;
}

constexpr std::string_view k_registration =
    "registration (id, event_id, name, email, email_key, organisation, language, status, "
    "registered_at, checked_in_at, sequence_offset, attended_seconds, fields)";

// Writes `count` held rows: a full batch by the one multi-row INSERT, fewer (the end of an
// import, or a batch cut short by a query) one by one. bind(statement, first, i) binds held
// row i from parameter `first` on.
template <typename Bind>
void insert_held(std::size_t count, std::size_t full, int parameters, sql::Lazy& many,
                 sql::Lazy& one, Bind&& bind) {
    if (count == full) {
        sql::Use insert(*many);
        for (std::size_t i = 0; i < full; ++i) {
            bind(*insert, static_cast<int>(i) * parameters + 1, i);
        }
        insert->run();
        return;
    }
    for (std::size_t i = 0; i < count; ++i) {
        sql::Use insert(*one);
        bind(*insert, 1, i);
        insert->run();
    }
}

}  // namespace

SqliteBulkWriter::SqliteBulkWriter(sql::Connection& db, sqlite3* handle, std::int64_t event_id)
    : m_db(db),
      m_handle(handle),
      m_event_id(event_id),
      m_rows(k_rows),
      m_row_keys(k_rows),
      m_insert_rows(db, insert(k_registration, k_row_parameters, k_rows)),
      m_insert_row(db, insert(k_registration, k_row_parameters, 1)),
      m_status_of(db, "SELECT event_id, status FROM registration WHERE id = ?") {
    // The write transaction is ours: no other connection adds a row before we commit, so the
    // ids after the largest are free.
    auto last = db.prepare("SELECT coalesce(max(id), 0) FROM registration");
    if (last->step()) m_next_id = last->integer(0) + 1;
    auto keys = db.prepare_streamed("SELECT email_key FROM registration WHERE event_id = ?");
    keys->bind(1, event_id);
    while (keys->step()) m_keys.add(keys->text(0));
    set_checks(false);
}

SqliteBulkWriter::~SqliteBulkWriter() { set_checks(true); }

void SqliteBulkWriter::set_checks(bool on) noexcept {
    if (on != m_books_kept) return;  // as asked already
    // Statements prepared with the other settings are prepared again on their next step.
    // Unlike PRAGMA foreign_keys, which does nothing inside a transaction, this takes effect
    // at once; the checks are immediate ones, so none is pending when they come back on.
    const int enable = on ? 1 : 0;
    if (sqlite3_db_config(m_handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, enable, nullptr) != SQLITE_OK) {
        return;  // still on: the triggers keep the counts themselves
    }
    // The checks follow the triggers; checks left on would only cost time.
    sqlite3_db_config(m_handle, SQLITE_DBCONFIG_ENABLE_FKEY, enable, nullptr);
    m_books_kept = !on;
}

std::int64_t SqliteBulkWriter::hold(const domain::Registration& registration,
                                    const std::string& key) {
    auto& row = m_rows[m_held];
    row = registration;
    row.id = m_next_id++;
    m_row_keys[m_held] = key;
    m_keys.add(key);
    book(row.event_id, domain::to_string(row.status), 1);
    ++m_held;
    const auto id = row.id;
    if (m_held == k_rows) write_rows();
    return id;
}

void SqliteBulkWriter::inserted(const domain::Registration& registration, std::string_view key,
                                std::int64_t id) {
    if (registration.event_id == m_event_id) m_keys.add(key);
    if (id >= m_next_id) m_next_id = id + 1;
    book(registration.event_id, domain::to_string(registration.status), 1);
}

void SqliteBulkWriter::status_changing(std::int64_t id, domain::RegistrationStatus to) {
    book_change(id, to);
}

// The filter cannot forget a key: it stays "maybe", which is still true.
void SqliteBulkWriter::deleting(std::int64_t id, std::int64_t /*event_id*/,
                                std::string_view /*key*/) {
    book_change(id, std::nullopt);
}

void SqliteBulkWriter::fields_written(
    std::int64_t event_id, const std::vector<std::pair<std::string, std::string>>& fields) {
    if (m_books_kept) m_field_names.note(event_id, fields);  // else the trigger names them
}

void SqliteBulkWriter::book_change(std::int64_t id, std::optional<domain::RegistrationStatus> to) {
    if (!m_books_kept) return;
    flush();
    sql::Use query(*m_status_of);
    query->bind(1, id);
    if (!query->step()) return;
    const auto event_id = query->integer(0);
    book(event_id, query->text(1), -1);
    if (to) book(event_id, domain::to_string(*to), 1);
}

void SqliteBulkWriter::book(std::int64_t event_id, std::string_view status, std::int64_t rows) {
    if (m_books_kept) m_count_changes[{event_id, std::string(status)}] += rows;
}

void SqliteBulkWriter::bind_row(sql::Statement& insert, int first, std::size_t row) {
    const auto& r = m_rows[row];
    insert.bind(first, r.id);
    insert.bind(first + 1, r.event_id);
    bind_columns(insert, first + 2, r, m_row_keys[row]);
}

void SqliteBulkWriter::flush() { write_rows(); }

void SqliteBulkWriter::write_rows() {
    if (m_held == 0) return;
    insert_held(m_held, k_rows, k_row_parameters, m_insert_rows, m_insert_row,
                [this](sql::Statement& insert, int first, std::size_t row) {
                    bind_row(insert, first, row);
                });
    // The fields went with their rows; their names are what the trigger would have added.
    for (std::size_t row = 0; row < m_held; ++row) {
        fields_written(m_rows[row].event_id, m_rows[row].fields);
    }
    m_held = 0;
}

void SqliteBulkWriter::finish() {
    flush();
    if (!m_books_kept) return;
    write_counts();
    m_count_changes.clear();
    m_field_names.write(m_db);
    set_checks(true);
}

// What the triggers would have done, one upsert per (event, status) instead of one per row.
// Recounting the event's rows instead read every row of the event twice, a fifth of a fresh
// import of 100,000 and the whole event for a file of ten (bench/README.md, ninth pass). That
// this equals the plain path is proven in tests/unit/test_registration_store.cpp, and by the
// `db check` after every end-to-end test.
void SqliteBulkWriter::write_counts() {
    auto add = m_db.prepare(R"sql(
        INSERT INTO registration_count (event_id, status, n) VALUES (?, ?, ?)
        ON CONFLICT (event_id, status) DO UPDATE SET n = n + excluded.n)sql");
    // As the delete trigger: a count that has no row is not made negative.
    auto remove = m_db.prepare(
        "UPDATE registration_count SET n = n + ?3 WHERE event_id = ?1 AND status = ?2");
    for (const auto& [key, rows] : m_count_changes) {
        if (rows == 0) continue;
        auto& statement = rows > 0 ? add : remove;
        statement->bind(1, key.first);
        statement->bind(2, key.second);
        statement->bind(3, rows);
        statement->run();
        statement->reset();
    }
}

}  // namespace convene::store
