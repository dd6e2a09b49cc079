#include "registration_batch.hpp"

#include <string_view>

#include <fmt/format.h>

#include "registration_binding.hpp"

namespace convene::store {

namespace {

// Rows per INSERT: past about fifty, a longer statement saved little more (bench/README.md).
constexpr std::size_t k_rows = 50;
constexpr int k_row_parameters = 11;
constexpr std::size_t k_field_rows = 50;
constexpr int k_field_parameters = 4;

// "INSERT INTO target VALUES (?, …), (?, …) …": `rows` rows of `columns` parameters.
std::string insert(std::string_view target, int columns, std::size_t rows) {
    std::string row = "(?";
    for (int i = 1; i < columns; ++i) row += ", ?";
    row += ')';
    std::string sql = fmt::format("INSERT INTO {} VALUES {}", target, row);
    for (std::size_t i = 1; i < rows; ++i) sql.append(", ").append(row);
    return sql;
}

constexpr std::string_view k_registration =
    "registration (id, event_id, name, email, email_key, organisation, language, status, "
    "registered_at, checked_in_at, sequence_offset)";
constexpr std::string_view k_field = "registration_field (registration_id, position, key, value)";

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

RegistrationBatch::RegistrationBatch(sql::Connection& db, std::int64_t event_id)
    : m_event_id(event_id),
      m_rows(k_rows),
      m_row_keys(k_rows),
      m_fields(k_field_rows),
      m_insert_rows(db, insert(k_registration, k_row_parameters, k_rows)),
      m_insert_row(db, insert(k_registration, k_row_parameters, 1)),
      m_insert_fields(db, insert(k_field, k_field_parameters, k_field_rows)),
      m_insert_field(db, insert(k_field, k_field_parameters, 1)) {
    // The write transaction is ours: no other connection adds a row before we commit, so the
    // ids after the largest are free.
    auto last = db.prepare("SELECT coalesce(max(id), 0) FROM registration");
    if (last->step()) m_next_id = last->integer(0) + 1;
    auto keys = db.prepare_streamed("SELECT email_key FROM registration WHERE event_id = ?");
    keys->bind(1, event_id);
    while (keys->step()) m_keys.add(keys->text(0));
}

std::int64_t RegistrationBatch::add(const domain::Registration& registration,
                                    const std::string& key) {
    auto& row = m_rows[m_held];
    row = registration;
    row.id = m_next_id++;
    m_row_keys[m_held] = key;
    m_keys.add(key);
    ++m_held;
    const auto id = row.id;
    if (m_held == k_rows) write_rows();
    return id;
}

void RegistrationBatch::written(std::int64_t event_id, std::string_view key, std::int64_t id) {
    if (event_id == m_event_id) m_keys.add(key);
    if (id >= m_next_id) m_next_id = id + 1;
}

void RegistrationBatch::bind_row(sql::Statement& insert, int first, std::size_t row) {
    const auto& r = m_rows[row];
    insert.bind(first, r.id);
    insert.bind(first + 1, r.event_id);
    bind_columns(insert, first + 2, r, m_row_keys[row]);
}

void RegistrationBatch::write() {
    write_rows();
    write_fields();
}

void RegistrationBatch::write_rows() {
    if (m_held == 0) return;
    insert_held(m_held, k_rows, k_row_parameters, m_insert_rows, m_insert_row,
                [this](sql::Statement& insert, int first, std::size_t row) {
                    bind_row(insert, first, row);
                });
    for (std::size_t row = 0; row < m_held; ++row) hold_fields(m_rows[row]);
    m_held = 0;
}

void RegistrationBatch::hold_fields(const domain::Registration& registration) {
    std::int64_t position = 1;
    for (const auto& [key, value] : registration.fields) {
        auto& field = m_fields[m_held_fields++];
        field.registration_id = registration.id;
        field.position = position++;
        field.key = key;
        field.value = value;
        if (m_held_fields == k_field_rows) write_fields();
    }
}

void RegistrationBatch::write_fields() {
    insert_held(m_held_fields, k_field_rows, k_field_parameters, m_insert_fields, m_insert_field,
                [this](sql::Statement& insert, int first, std::size_t i) {
                    const auto& field = m_fields[i];
                    insert.bind(first, field.registration_id);
                    insert.bind(first + 1, field.position);
                    insert.bind_reference(first + 2, field.key);
                    insert.bind_reference(first + 3, field.value);
                });
    m_held_fields = 0;
}

}  // namespace convene::store
