#pragma once
// The new registrations of one event during a bulk import on SQLite, written a batch at a time
// by multi-row INSERTs. A statement per row spent about as much on starting and ending the
// statement as on the row (bench/README.md). The importer must still learn at once whether an
// address is taken: a filter of the event's email keys answers "certainly not" for almost
// every row without a query; "maybe" sends the row the single-row way, after write().
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/registration.hpp"
#include "key_filter.hpp"
#include "sql.hpp"

namespace convene::store {

class RegistrationBatch {
public:
    // Reads the email keys the event already has, and the next free id.
    RegistrationBatch(sql::Connection& db, std::int64_t event_id);

    std::int64_t event_id() const noexcept { return m_event_id; }
    // False only when no registration of the event, written or held, has this email key.
    bool may_hold(std::string_view key) const noexcept { return m_keys.may_contain(key); }
    // Holds a registration of the event whose key may_hold() refused; returns its id. Writes
    // the batch when it is full.
    std::int64_t add(const domain::Registration& registration, const std::string& key);
    // A registration written by a statement of its own (after write()), so that the filter
    // knows its key and the next id follows its id.
    void written(std::int64_t event_id, std::string_view key, std::int64_t id);
    // Writes what is held, with the custom fields. Anything that reads or changes the
    // registrations must come after it.
    void write();

private:
    void bind_row(sql::Statement& insert, int first, std::size_t row);
    void write_rows();
    void hold_fields(const domain::Registration& registration);
    void write_fields();

    std::int64_t m_event_id;
    std::int64_t m_next_id{1};
    KeyFilter m_keys;
    // Held rows: slots reused from batch to batch, so that their strings keep their storage.
    std::vector<domain::Registration> m_rows;
    std::vector<std::string> m_row_keys;
    std::size_t m_held{0};
    // Custom fields of rows already written, held until fifty fill an INSERT of their own
    // (most rows have none or one): slots reused like the rows'.
    struct Field {
        std::int64_t registration_id{0};
        std::int64_t position{0};
        std::string key;
        std::string value;
    };
    std::vector<Field> m_fields;
    std::size_t m_held_fields{0};
    sql::Lazy m_insert_rows, m_insert_row, m_insert_fields, m_insert_field;
};

}  // namespace convene::store
