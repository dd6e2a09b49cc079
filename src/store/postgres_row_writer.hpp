#pragma once
// PostgreSQL's RowWriter (row_writer.hpp): rows as COPY's text format, sent a few thousand at
// a time by the connection's copy_in, whose answer is read before its next statement.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "row_writer.hpp"

namespace convene::store {

using CopyIn = std::function<void(std::string_view table_and_columns, std::string_view rows)>;

std::unique_ptr<sql::RowWriter> postgres_row_writer(CopyIn copy_in, std::string_view table,
                                                    std::string_view columns);

}  // namespace convene::store
