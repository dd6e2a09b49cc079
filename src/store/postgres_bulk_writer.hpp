#pragma once
// The bulk writer on PostgreSQL (bulk_writer.hpp), where every statement is a round trip to
// the server: new registrations are held and written a few thousand at a time by COPY, with
// ids taken from the identity in advance, and the import's questions about addresses are
// answered from memory: the held rows' keys exactly, the stored ones by a filter of fixed size
// (key_filter.hpp), so that memory stays flat however many rows the event has or the file adds.
// The filter's rare "maybe" is one query.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bulk_writer.hpp"
#include "field_name_book.hpp"
#include "key_filter.hpp"
#include "postgres_update_batch.hpp"
#include "sql.hpp"

namespace convene::store {

class PostgresBulkWriter final : public BulkWriter {
public:
    // Reads the email keys the event already has; turns the trigger that names the custom
    // fields of new rows off for the transaction (convene.names_kept, postgres_schema.hpp).
    PostgresBulkWriter(sql::Connection& db, std::int64_t event_id);
    // Without finish(), turns the trigger on again if the connection still answers (the
    // transaction rolls back, which turns it on too).
    ~PostgresBulkWriter() override;
    PostgresBulkWriter(const PostgresBulkWriter&) = delete;
    PostgresBulkWriter& operator=(const PostgresBulkWriter&) = delete;

    std::int64_t event_id() const noexcept override { return m_event_id; }
    // Taken if held or stored, else free: never unknown.
    Key key(std::string_view key) override;
    Key key_known(std::string_view key) const override;
    std::int64_t hold(const domain::Registration& registration, const std::string& key) override;
    const domain::Registration* find_held(std::string_view key) const override;
    void flush() override;
    // A held key was answered by find_held(): a look-up by another needs nothing written,
    // unless an update of its row is held.
    void flush_for_key(std::string_view key) override;
    // Held and written one batch at a time (postgres_update_batch.hpp).
    bool hold_update(const domain::Registration& registration, const std::string& key) override;
    void inserted(const domain::Registration& registration, std::string_view key,
                  std::int64_t id) override;
    // The count triggers run once per statement on PostgreSQL and stay on: nothing to book.
    void status_changing(std::int64_t, domain::RegistrationStatus) override {}
    // The filter cannot forget a key: it stays "maybe", which is still true.
    void deleting(std::int64_t id, std::int64_t event_id, std::string_view key) override;
    // The trigger that would name them is off: named here, written with the next flush.
    void fields_written(std::int64_t event_id,
                        const std::vector<std::pair<std::string, std::string>>& fields) override;
    void finish() override;

private:
    std::int64_t next_id();
    void reserve_ids();  // k_reserved_ids more from the identity
    void names_kept(bool on);
    void write_held_rows();

    sql::Connection& m_db;
    std::unique_ptr<sql::RowWriter> m_copy;  // the held rows' COPY (row_writer.hpp)
    std::int64_t m_event_id;
    KeyFilter m_stored_keys;                      // written: in the database, or was
    std::unique_ptr<sql::Statement> m_key_query;  // for the filter's "maybe"
    std::vector<domain::Registration> m_rows;     // held, with their ids
    std::unordered_map<std::string, std::size_t> m_by_key;
    std::vector<std::int64_t> m_free_ids;  // taken from the identity, highest first
    std::string m_fields_json;             // a held row's fields, as JSON (one buffer)
    PostgresUpdateBatch m_updates;         // of stored rows, written after the held ones
    FieldNameBook m_names;                 // written here while the trigger is off
    bool m_finished{false};
};

}  // namespace convene::store
