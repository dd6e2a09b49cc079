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

// `column` is one of the texts of the JSON array given as `parameter`, however many there
// are. On PostgreSQL as `= ANY(ARRAY(…))`, an index condition whatever the statistics say:
// `IN (SELECT …)` became a hash join over every row of the event while the table had no
// statistics yet (an import just made it), 5.5 s for 100,000 rows imported again.
inline std::string in_json_texts(sql::Engine engine, std::string_view column,
                                 std::string_view parameter) {
    if (engine == sql::Engine::postgresql) {
        return fmt::format("{} = ANY(ARRAY(SELECT json_array_elements_text(CAST({} AS json))))",
                           column, parameter);
    }
    return fmt::format("{} IN (SELECT value FROM json_each({}))", column, parameter);
}

// The elements of the JSON array given as `parameter`, as a table `alias` of one column,
// `value`, whose members `alias.value ->> 'name'` reads (as text on PostgreSQL: cast it).
inline std::string json_elements(sql::Engine engine, std::string_view parameter,
                                 std::string_view alias) {
    if (engine == sql::Engine::postgresql) {
        return fmt::format("json_array_elements(CAST({} AS json)) AS {}(value)", parameter, alias);
    }
    return fmt::format("json_each({}) AS {}", parameter, alias);
}

// Unix seconds of a YYYY-MM-DD text at midnight UTC: all-day events sort among timed ones.
inline std::string date_seconds(sql::Engine engine, std::string_view date) {
    if (engine == sql::Engine::postgresql) {
        return fmt::format("CAST(extract(epoch FROM CAST({} AS date)) AS bigint)", date);
    }
    return fmt::format("unixepoch({})", date);
}

// The [key, value] pairs of a registration's fields column (schema version 12) as rows of a
// FROM item named `alias`, none when it is NULL; field_key() is the key of each, and
// field_position() orders them. `checked` also skips what is not JSON or not an array, and
// reads a key only from a pair that is an array (`db check` reads damaged rows too).
inline std::string field_pairs_from(sql::Engine engine, std::string_view column,
                                    std::string_view alias, bool checked = false) {
    if (engine == sql::Engine::postgresql) {
        if (!checked) {
            return fmt::format("json_array_elements({0}) WITH ORDINALITY AS {1}(pair, position)",
                               column, alias);
        }
        return fmt::format(
            "json_array_elements(CASE WHEN json_typeof({0}) = 'array' THEN {0} END) "
            "WITH ORDINALITY AS {1}(pair, position)",
            column, alias);
    }
    if (!checked) return fmt::format("json_each({0}) AS {1}", column, alias);
    return fmt::format(
        "json_each(CASE WHEN json_valid({0}) THEN CASE WHEN json_type({0}) = 'array' "
        "THEN {0} END END) AS {1}",
        column, alias);
}

inline std::string field_key(sql::Engine engine, std::string_view alias, bool checked = false) {
    if (engine == sql::Engine::postgresql) {
        if (!checked) return fmt::format("({}.pair ->> 0)", alias);
        return fmt::format("(CASE WHEN json_typeof({0}.pair) = 'array' THEN {0}.pair ->> 0 END)",
                           alias);
    }
    if (!checked) return fmt::format("({}.value ->> 0)", alias);
    return fmt::format("(CASE WHEN {0}.type = 'array' THEN {0}.value ->> 0 END)", alias);
}

inline std::string field_position(sql::Engine engine, std::string_view alias) {
    if (engine == sql::Engine::postgresql) return fmt::format("{}.position", alias);
    return fmt::format("{}.key", alias);
}

// Whether the text of `column` (json on PostgreSQL) contains that of `needle`.
inline std::string text_contains(sql::Engine engine, std::string_view column,
                                 std::string_view needle) {
    if (engine == sql::Engine::postgresql) {
        return fmt::format("strpos(CAST({} AS text), {}) > 0", column, needle);
    }
    return fmt::format("instr({}, {}) > 0", column, needle);
}

}  // namespace convene::store::dialect
