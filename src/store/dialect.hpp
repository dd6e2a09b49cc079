#pragma once
// The few SQL fragments that differ between SQLite and PostgreSQL, one function each, so the
// stores write every other statement once.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "sql.hpp"

namespace convene::store::dialect {

// An event's list (languages, organisers, tracks) in position order, joined by the ASCII unit
// separator, which no tag or name contains; NULL when the list is empty. `value` is a column
// of `table` or an expression over its columns.
inline std::string joined_list(sql::Engine engine, std::string_view table, std::string_view value) {
    if (engine == sql::Engine::postgresql) {
        return fmt::format(
            "(SELECT string_agg({1}, chr(31) ORDER BY position) FROM {0} WHERE event_id = e.id)",
            table, value);
    }
    return fmt::format(
        "(SELECT group_concat(v, char(31)) FROM "
        "(SELECT {1} AS v FROM {0} WHERE event_id = e.id ORDER BY position))",
        table, value);
}

// Ends an INSERT whose new id the store needs (Statement::insert). SQLite gives it without a
// RETURNING clause, which SQLite 3.40 runs through a temporary table built for every INSERT:
// two fifths of the instructions of a bulk import.
inline std::string_view returning_id(sql::Engine engine) {
    return engine == sql::Engine::postgresql ? " RETURNING id" : "";
}

// Unix seconds of a YYYY-MM-DD text at midnight UTC: all-day events sort among timed ones.
inline std::string date_seconds(sql::Engine engine, std::string_view date) {
    if (engine == sql::Engine::postgresql) {
        return fmt::format("CAST(extract(epoch FROM CAST({} AS date)) AS bigint)", date);
    }
    return fmt::format("unixepoch({})", date);
}

// A registration's custom fields as one JSON array of [key, value] pairs in position order;
// NULL or [] when there are none.
inline std::string field_pairs(sql::Engine engine) {
    if (engine == sql::Engine::postgresql) {
        return "(SELECT json_agg(json_build_array(key, value) ORDER BY position) "
               "FROM registration_field WHERE registration_id = r.id)";
    }
    return "(SELECT json_group_array(json_array(key, value)) FROM "
           "(SELECT key, value FROM registration_field "
           "WHERE registration_id = r.id ORDER BY position))";
}

}  // namespace convene::store::dialect
