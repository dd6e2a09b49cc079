#pragma once
// Rows that do not read back (a status, zone or date edited by hand, text where a number
// belongs, a broken field list) are damaged storage (exit 6), not a bug in convene.
#include <cstdint>
#include <exception>
#include <string_view>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "sql.hpp"

namespace convene::store {

[[noreturn]] inline void throw_damaged(std::string_view table, std::string_view why) {
    throw StorageError(
        fmt::format("the database is damaged: a row of '{}' does not read back: {}", table, why),
        "restore it from a backup");
}

// Calls read(); any failure while decoding becomes a StorageError naming the table.
template <class Read>
auto read_checked(std::string_view table, Read&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const StorageError&) {
        throw;
    } catch (const std::exception& e) {
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
