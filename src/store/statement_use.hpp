#pragma once
// One use of a prepared statement that the store keeps: reset and unbound before, reset after,
// so that no half-read SELECT keeps a read snapshot open.
#include <SQLiteCpp/Statement.h>

namespace convene::store {

class Use {
public:
    explicit Use(SQLite::Statement& statement) : m_statement(statement) {
        m_statement.reset();
        m_statement.clearBindings();
    }
    ~Use() { m_statement.tryReset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    SQLite::Statement* operator->() { return &m_statement; }
    SQLite::Statement& operator*() { return m_statement; }

private:
    SQLite::Statement& m_statement;
};

}  // namespace convene::store
