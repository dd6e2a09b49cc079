// JSON (one array) and JSON Lines (one object per line). Each row becomes one object that
// nlohmann::json serialises; the array around the objects is written piece by piece so that
// no more than one row is ever held in memory.
#include <ostream>

#include <nlohmann/json.hpp>

#include "writers.hpp"

namespace convene::output::detail {
namespace {

using Object = nlohmann::ordered_json;  // keys in column order, not sorted

Object to_json(const Cell& cell) {
    switch (cell.kind()) {
        case Cell::Kind::null: return nullptr;
        case Cell::Kind::text: return std::string(cell.text());
        case Cell::Kind::integer: return cell.integer();
        case Cell::Kind::boolean: return cell.boolean();
        case Cell::Kind::list: {
            Object array = Object::array();
            for (const auto& item : cell.list()) {
                array.push_back(item);
            }
            return array;
        }
        case Cell::Kind::json: return Object(*cell.json());
        case Cell::Kind::ordered_json: return *cell.ordered_json();
    }
    return nullptr;
}

class JsonWriter final : public RowWriter {
public:
    JsonWriter(std::ostream& out, std::vector<Column> columns, bool lines)
        : RowWriter(std::move(columns)), m_out(out), m_lines(lines) {}

private:
    void write_row(std::span<const Cell> cells) override {
        Object object = Object::object();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            object.emplace(columns()[i].name, to_json(cells[i]));
        }
        if (!m_lines) {
            m_out << (m_rows == 0 ? "[\n  " : ",\n  ");
        }
        // Invalid UTF-8 in a value becomes U+FFFD rather than an exception or invalid JSON.
        m_out << object.dump(-1, ' ', false, Object::error_handler_t::replace);
        if (m_lines) {
            m_out << '\n';
        }
        ++m_rows;
    }

    void write_end() override {
        if (!m_lines) {
            m_out << (m_rows == 0 ? "[]\n" : "\n]\n");
        }
        m_out.flush();
    }

    std::ostream& m_out;
    bool m_lines;
    std::size_t m_rows{0};
};

}  // namespace

std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, std::vector<Column> columns,
                                            bool lines) {
    return std::make_unique<JsonWriter>(out, std::move(columns), lines);
}

}  // namespace convene::output::detail
