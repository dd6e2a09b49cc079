#include "field_name_book.hpp"

#include <algorithm>
#include <memory>

namespace convene::store {

void FieldNameBook::note(std::int64_t event_id, const FieldPairs& fields) {
    for (const auto& field : fields) {
        const auto known = std::find_if(m_names.begin(), m_names.end(), [&](const Name& name) {
            return name.event_id == event_id && name.key == field.first;
        });
        if (known == m_names.end()) m_names.push_back({event_id, field.first, false});
    }
}

void FieldNameBook::write(sql::Connection& db) {
    std::unique_ptr<sql::Statement> add;
    for (auto& name : m_names) {
        if (name.written) continue;
        if (!add) {
            add = db.prepare(
                "INSERT INTO event_field_name (event_id, key) VALUES (?, ?) ON CONFLICT DO "
                "NOTHING");
        }
        sql::Use insert(*add);
        insert->bind(1, name.event_id);
        insert->bind(2, name.key);
        insert->run();
        name.written = true;
    }
}

}  // namespace convene::store
