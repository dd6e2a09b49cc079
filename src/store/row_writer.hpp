#pragma once
// Rows appended to one table inside the caller's write transaction, the engine's fastest way
// (sql::Connection::row_writer): PostgreSQL sends them by COPY a few thousand at a time,
// SQLite runs one prepared INSERT per row. `db copy` writes an event's ledger with it. Each
// row gives its values in the order of the columns, then end_row(); finish() writes what is
// left, and without it the rest is dropped (the transaction rolls back).
#include <cstdint>
#include <memory>
#include <string_view>

#include "sql.hpp"

namespace convene::store::sql {

class RowWriter {
public:
    virtual ~RowWriter() = default;
    virtual void value(std::int64_t number) = 0;
    virtual void value(std::string_view text) = 0;
    virtual void null() = 0;
    virtual void end_row() = 0;
    virtual void finish() = 0;
};

// The plain way: "INSERT INTO table (columns) VALUES (?, …)" prepared once and run per row;
// `columns` is the list as SQL writes it, `count` how many it names.
std::unique_ptr<RowWriter> statement_row_writer(Connection& db, std::string_view table,
                                                std::string_view columns, int count);

}  // namespace convene::store::sql
