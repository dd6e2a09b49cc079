#pragma once
// The bulk writer on SQLite (bulk_writer.hpp). A statement per row spent about as much on
// starting and ending the statement as on the row, so new registrations are held and written
// fifty at a time by one INSERT, with ids the writer gives (the write transaction is ours). The
// importer must still learn at once whether an address is taken: a filter of the event's email
// keys answers "certainly not" for almost every row without a query.
//
// SQLite runs a trigger's program for every row written (with a statement journal for it) and
// looks up the parent row of every foreign key. While the writer lasts both are off for the
// connection: it keeps the triggers' books itself (the change of each event's counts, the
// names of the custom fields), and writes only rows whose parent exists (the locked event;
// the custom fields are a column of the row since schema 12). At finish() it adds what it
// booked to each event's counts and names, as the triggers would have.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bulk_writer.hpp"
#include "field_name_book.hpp"
#include "key_filter.hpp"
#include "sql.hpp"

struct sqlite3;

namespace convene::store {

class SqliteBulkWriter final : public BulkWriter {
public:
    // Reads the email keys the event already has, and the next free id; turns the
    // connection's triggers and foreign-key checks off.
    SqliteBulkWriter(sql::Connection& db, sqlite3* handle, std::int64_t event_id);
    ~SqliteBulkWriter() override;  // turns them on again
    SqliteBulkWriter(const SqliteBulkWriter&) = delete;
    SqliteBulkWriter& operator=(const SqliteBulkWriter&) = delete;

    std::int64_t event_id() const noexcept override { return m_event_id; }
    // The filter answers "certainly not" or "maybe": never taken.
    Key key(std::string_view key) override { return key_known(key); }
    Key key_known(std::string_view key) const override {
        return m_keys.may_contain(key) ? Key::unknown : Key::free;
    }
    std::int64_t hold(const domain::Registration& registration, const std::string& key) override;
    // Held rows are few and written at the first "maybe": never searched.
    const domain::Registration* find_held(std::string_view) const override { return nullptr; }
    void flush() override;
    // Held rows are not searched: any may be the one.
    void flush_for_key(std::string_view) override { flush(); }
    // A statement in the same process costs little: the store runs its own.
    bool hold_update(const domain::Registration&, const std::string&) override { return false; }
    void inserted(const domain::Registration& registration, std::string_view key,
                  std::int64_t id) override;
    void status_changing(std::int64_t id, domain::RegistrationStatus to) override;
    void deleting(std::int64_t id, std::int64_t event_id, std::string_view key) override;
    void fields_written(std::int64_t event_id,
                        const std::vector<std::pair<std::string, std::string>>& fields) override;
    void finish() override;

private:
    void bind_row(sql::Statement& insert, int first, std::size_t row);
    void write_rows();
    void book(std::int64_t event_id, std::string_view status, std::int64_t rows);
    // Books registration `id` leaving its status for `to` (none: the row goes).
    void book_change(std::int64_t id, std::optional<domain::RegistrationStatus> to);
    void write_counts();
    void set_checks(bool on) noexcept;

    sql::Connection& m_db;
    sqlite3* m_handle;
    std::int64_t m_event_id;
    std::int64_t m_next_id{1};
    KeyFilter m_keys;
    // Whether the triggers are off (SQLite may refuse): then the writer keeps their books.
    bool m_books_kept{false};
    // (event, status) → rows added (or, negative, removed) while the triggers were off.
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> m_count_changes;
    // The custom field names written while the triggers were off.
    FieldNameBook m_field_names;
    // Held rows: slots reused from batch to batch, so that their strings keep their storage.
    std::vector<domain::Registration> m_rows;
    std::vector<std::string> m_row_keys;
    std::size_t m_held{0};
    sql::Lazy m_insert_rows, m_insert_row, m_status_of;
};

}  // namespace convene::store
