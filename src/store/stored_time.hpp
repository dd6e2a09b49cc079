#pragma once
// Instants are stored as Unix seconds: INTEGER on SQLite, bigint on PostgreSQL. Every store
// writes and reads them through these two, so the unit has one home.
#include <chrono>
#include <cstdint>
#include <string_view>

#include "convene/domain/event.hpp"
#include "damaged_row.hpp"
#include "sql.hpp"

namespace convene::store {

inline std::int64_t seconds(domain::Instant instant) {
    return static_cast<std::int64_t>(instant.time_since_epoch().count());
}

// The instant in `column` of `row`; `table` names where it came from if it is not a number.
inline domain::Instant instant_column(std::string_view table, sql::Statement& row, int column) {
    return domain::Instant{std::chrono::seconds{integer_column(table, row, column)}};
}

}  // namespace convene::store
