#pragma once
// Rows that do not read back (a status, zone or date edited by hand, text where a number
// belongs, a broken field list) are damaged storage (exit 6), not a bug in convene.
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "sql.hpp"

namespace convene::store {

// The error a row that does not read back raises; `db check` lists `why` for each such row.
struct DamagedRowError : StorageError {
    DamagedRowError(std::string_view table, std::string_view why)
        : StorageError(fmt::format("the database is damaged: a row of '{}' does not read back: {}",
                                   table, why),
                       "'convene db check' lists every problem; restore it from a backup"),
          why(why) {}
    std::string why;
};

[[noreturn]] inline void throw_damaged(std::string_view table, std::string_view why) {
    throw DamagedRowError(table, why);
}

// Reads every row of a query with `read`, reporting each that does not read back to
// `damaged` (its id in column `id_column`) instead of stopping at the first (`db check`).
template <class Read, class Damaged>
void read_each_checked(sql::Statement& rows, int id_column, Read&& read, Damaged&& damaged) {
    while (rows.step()) {
        try {
            read(rows);
        } catch (const DamagedRowError& e) {
            damaged(rows.integer(id_column), e.why);
        }
    }
}

// Calls read(); any failure while decoding becomes a StorageError naming the table.
template <class Read>
auto read_checked(std::string_view table, Read&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const StorageError&) {
        throw;
    } catch (const std::exception& e) {  // a library's (JSON of custom fields, a date)
        throw_damaged(table, e.what());
    }
}

// A column that must hold an integer (Unix seconds, a count): SQLite would read text as 0.
inline std::int64_t integer_column(std::string_view table, sql::Statement& row, int column) {
    if (!row.is_integer(column)) {
        throw_damaged(table, fmt::format("'{}' is not an integer", row.column_name(column)));
    }
    return row.integer(column);
}

}  // namespace convene::store
