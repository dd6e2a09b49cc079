#pragma once
// The SQLite engine behind sql::Connection: SQLiteCpp opens the file, statements use the C API
// directly, so reading a column costs no object. SQLite's errors leave it as convene's
// (StorageError, RefusedWrite, EngineError: convene/store/database.hpp).
#include <chrono>
#include <filesystem>
#include <memory>

#include <SQLiteCpp/Database.h>

#include "sql.hpp"

namespace convene::store {

class SqliteConnection final : public sql::Connection {
public:
    SqliteConnection(const std::filesystem::path& path, std::chrono::seconds lock_wait);

    sql::Engine engine() const override { return sql::Engine::sqlite; }
    const std::string& name() const override { return m_name; }
    std::unique_ptr<sql::Statement> prepare(std::string_view sql) override;
    void execute(std::string_view sql) override;
    bool begin_write(std::chrono::seconds lock_wait) override;
    bool begin_read() override;
    void commit() override;
    void rollback() noexcept override;
    bool in_transaction() const override;
    bool try_lock_event(std::int64_t event_id) override;
    void unlock_event(std::int64_t event_id) noexcept override;
    std::unique_ptr<BulkWriter> bulk_writer(std::int64_t event_id) override;
    std::unique_ptr<sql::RowWriter> row_writer(std::string_view table, std::string_view columns,
                                               int count) override;

    // Whether the main schema has `table` with `column` (or, with an empty column, `table`).
    bool has_column(std::string_view table, std::string_view column);

    SQLite::Database& database() { return m_database; }

private:
    // Declared first, closed last: closing any descriptor of the file drops the POSIX locks
    // SQLite holds on it, so this one stays open until SQLite's connection is gone.
    struct LockFile {
        int fd{-1};
        ~LockFile();
    } m_lock_file;
    SQLite::Database m_database;
    std::string m_name;
};

}  // namespace convene::store
