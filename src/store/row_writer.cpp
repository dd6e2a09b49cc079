#include "row_writer.hpp"

#include <fmt/format.h>

namespace convene::store::sql {

namespace {

class StatementRowWriter : public RowWriter {
public:
    explicit StatementRowWriter(std::unique_ptr<Statement> insert) : m_insert(std::move(insert)) {}

    void value(std::int64_t number) override { m_insert->bind(++m_column, number); }
    void value(std::string_view text) override { m_insert->bind(++m_column, text); }
    void null() override { m_insert->bind_null(++m_column); }
    void end_row() override {
        m_insert->run();
        m_insert->reset();
        m_column = 0;
    }
    void finish() override {}

private:
    std::unique_ptr<Statement> m_insert;
    int m_column{0};
};

}  // namespace

std::unique_ptr<RowWriter> statement_row_writer(Connection& db, std::string_view table,
                                                std::string_view columns, int count) {
    std::string parameters;
    for (int i = 0; i < count; ++i) parameters += i == 0 ? "?" : ", ?";
    return std::make_unique<StatementRowWriter>(
        db.prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", table, columns, parameters)));
}

}  // namespace convene::store::sql
