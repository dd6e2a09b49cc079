#pragma once
// The updates of stored registrations that a bulk import makes on PostgreSQL (an export
// imported again with `--on-duplicate update`), held and written by one statement per batch:
// row by row, each was a round trip and a run of the count trigger, 0.5 ms a row
// (PostgresBulkWriter owns one).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "convene/domain/registration.hpp"
#include "sql.hpp"

namespace convene::store {

class PostgresUpdateBatch {
public:
    explicit PostgresUpdateBatch(sql::Connection& db) : m_db(db) {}

    // Holds the whole row of `registration`, a stored one whose email key stays `key`.
    void hold(const domain::Registration& registration, const std::string& key);
    // Whether an update of the registration with this email key is held.
    bool holds(std::string_view key) const {
        return !m_keys.empty() && m_keys.count(std::string(key)) > 0;  // no string when none
    }
    std::size_t size() const noexcept { return m_keys.size(); }
    // Writes what is held, in one statement; throws if a row was not there to update.
    void write();

private:
    sql::Connection& m_db;
    std::string m_rows;         // a JSON array of the held rows, written as they come
    std::string m_fields_json;  // a row's fields, as JSON (one buffer)
    std::unordered_set<std::string> m_keys;
    std::unique_ptr<sql::Statement> m_statement;
};

}  // namespace convene::store
