#pragma once
// The custom field names a bulk import writes while the trigger that names them is off
// (event_field_name, schema version 11): both bulk writers note them as their rows go out and
// add them the way the trigger would have.
#include <cstdint>
#include <string>
#include <vector>

#include "field_pairs.hpp"
#include "sql.hpp"

namespace convene::store {

class FieldNameBook {
public:
    // Notes the names of `fields`, written for event `event_id`.
    void note(std::int64_t event_id, const FieldPairs& fields);
    // Adds the names noted since the last call to event_field_name; no statement when there
    // are none (on PostgreSQL a statement would wait for the COPY just sent).
    void write(sql::Connection& db);

private:
    // A file's few columns, seen on many rows: a short list searched without allocating.
    struct Name {
        std::int64_t event_id;
        std::string key;
        bool written;
    };
    std::vector<Name> m_names;
};

}  // namespace convene::store
