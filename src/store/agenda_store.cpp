#include "convene/store/agenda_store.hpp"

#include <limits>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "convene/domain/uid.hpp"
#include "damaged_row.hpp"
#include "dialect.hpp"
#include "sql.hpp"
#include "stored_time.hpp"

namespace convene::store {

using domain::AgendaItem;

namespace {

constexpr std::string_view k_select_items = R"sql(
SELECT id, event_id, position, title, description, kind, start_utc, duration_s, uid,
       schedule_id, key
FROM agenda_item)sql";

AgendaItem decode_item(sql::Statement& row) {
    AgendaItem item;
    item.id = row.integer(0);
    item.event_id = row.integer(1);
    item.position = static_cast<int>(row.integer(2));
    item.title = row.string(3);
    item.description = row.string(4);
    item.kind = row.string(5);
    if (!row.is_null(6)) {
        item.start = instant_column("agenda_item", row, 6);
    }
    if (!row.is_null(7)) {
        item.duration = std::chrono::seconds{integer_column("agenda_item", row, 7)};
    }
    item.uid = row.string(8);
    item.schedule_id = integer_column("agenda_item", row, 9);
    if (!row.is_null(10)) item.key = row.string(10);
    return item;
}

AgendaItem read_item(sql::Statement& row) {
    return read_checked("agenda_item", [&] { return decode_item(row); });
}

// Binds title, description, kind, start and duration from parameter `first` on.
void bind_item(sql::Statement& stmt, int first, const AgendaItem& item) {
    int i = first;
    stmt.bind(i++, item.title);
    stmt.bind(i++, item.description);
    stmt.bind(i++, item.kind);
    if (item.start) {
        stmt.bind(i++, seconds(*item.start));
    } else {
        stmt.bind_null(i++);
    }
    if (item.duration) {
        stmt.bind(i++, static_cast<std::int64_t>(item.duration->count()));
    } else {
        stmt.bind_null(i++);
    }
}

}  // namespace

std::vector<AgendaItem> AgendaStore::list(std::int64_t event_id) {
    std::vector<AgendaItem> items;
    std::unordered_map<std::int64_t, std::size_t> index;
    auto query = m_db.connection().prepare(std::string(k_select_items) +
                                           " WHERE event_id = ? ORDER BY position, id");
    query->bind(1, event_id);
    while (query->step()) {
        items.push_back(read_item(*query));
        index.emplace(items.back().id, items.size() - 1);
    }
    if (items.empty()) return items;

    // Children of all items at once, in item then child order, instead of two queries per item.
    auto speakers = m_db.connection().prepare(R"sql(
        SELECT s.item_id, s.name, s.role, s.organisation
        FROM agenda_speaker AS s JOIN agenda_item AS i ON i.id = s.item_id
        WHERE i.event_id = ? ORDER BY s.item_id, s.position)sql");
    speakers->bind(1, event_id);
    while (speakers->step()) {
        items[index.at(speakers->integer(0))].speakers.push_back(
            {speakers->string(1), speakers->string(2), speakers->string(3)});
    }
    auto points = m_db.connection().prepare(R"sql(
        SELECT p.item_id, p.text
        FROM agenda_point AS p JOIN agenda_item AS i ON i.id = p.item_id
        WHERE i.event_id = ? ORDER BY p.item_id, p.position)sql");
    points->bind(1, event_id);
    while (points->step()) {
        items[index.at(points->integer(0))].points.push_back(points->string(1));
    }
    return items;
}

std::map<std::int64_t, std::vector<domain::Speaker>> AgendaStore::session_speakers(
    std::int64_t parent_id) {
    std::map<std::int64_t, std::vector<domain::Speaker>> speakers;
    auto query = m_db.connection().prepare(R"sql(
        SELECT i.event_id, s.name, s.role, s.organisation
        FROM event AS e
        JOIN agenda_item AS i ON i.event_id = e.id
        JOIN agenda_speaker AS s ON s.item_id = i.id
        WHERE e.parent_id = ? ORDER BY i.event_id, i.position, s.position)sql");
    query->bind(1, parent_id);
    while (query->step()) {
        domain::add_unique_speaker(speakers[query->integer(0)],
                                   {query->string(1), query->string(2), query->string(3)});
    }
    return speakers;
}

std::optional<AgendaItem> AgendaStore::find(std::int64_t event_id, int position) {
    // Small agendas: reading all keeps one code path for children.
    for (auto& item : list(event_id)) {
        if (item.position == position) return std::move(item);
    }
    return std::nullopt;
}

void AgendaStore::check_rows(const DamagedRows& damaged) {
    auto query = m_db.connection().prepare_streamed(std::string(k_select_items) + " ORDER BY id");
    read_each_checked(*query, 0, read_item, damaged);
}

std::optional<AgendaItem> AgendaStore::find_by_key(std::int64_t event_id, std::string_view key) {
    for (auto& item : list(event_id)) {
        if (item.key == key) return std::move(item);
    }
    return std::nullopt;
}

int AgendaStore::count(std::int64_t event_id) {
    auto query = m_db.connection().prepare("SELECT count(*) FROM agenda_item WHERE event_id = ?");
    query->bind(1, event_id);
    query->step();
    return static_cast<int>(query->integer(0));
}

std::int64_t AgendaStore::id_at(std::int64_t event_id, int position) {
    auto query =
        m_db.connection().prepare("SELECT id FROM agenda_item WHERE event_id = ? AND position = ?");
    query->bind(1, event_id);
    query->bind(2, position);
    if (!query->step()) {
        throw std::out_of_range(fmt::format("no agenda item {} in event {}", position, event_id));
    }
    return query->integer(0);
}

void AgendaStore::shift(std::int64_t event_id, int first, int last, int delta) {
    auto update = m_db.connection().prepare(R"sql(
        UPDATE agenda_item SET position = position + ?
        WHERE event_id = ? AND position BETWEEN ? AND ?)sql");
    update->bind(1, delta);
    update->bind(2, event_id);
    update->bind(3, first);
    update->bind(4, last);
    update->run();
}

int AgendaStore::insert(const AgendaItem& item) {
    const int size = count(item.event_id);
    const int position = item.position == 0 ? size + 1 : item.position;
    if (position < 1 || position > size + 1) {
        throw std::out_of_range(
            fmt::format("agenda position {} outside 1..{}", position, size + 1));
    }
    shift(item.event_id, position, size, +1);
    auto& db = m_db.connection();
    auto insert = db.prepare(std::string(R"sql(
        INSERT INTO agenda_item (event_id, position, title, description, kind, start_utc,
                                 duration_s, uid, key, schedule_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,
                coalesce(nullif(CAST(? AS bigint), 0),
                         (SELECT coalesce(max(schedule_id), 0) + 1 FROM agenda_item))))sql") +
                             std::string(dialect::returning_id(db.engine())));
    insert->bind(1, item.event_id);
    insert->bind(2, position);
    bind_item(*insert, 3, item);
    // A new item gets its UID here, once; a copied one keeps its own.
    insert->bind(8, item.uid.empty() ? domain::generate_uid() : item.uid);
    if (item.key.empty()) insert->bind_null(9);
    else insert->bind(9, item.key);
    insert->bind(10, item.schedule_id);  // 0: the next free one
    AgendaItem stored = item;
    stored.id = insert->insert().value();
    write_children(stored);
    return position;
}

void AgendaStore::update(const AgendaItem& item) {
    auto update = m_db.connection().prepare(R"sql(
        UPDATE agenda_item SET title = ?, description = ?, kind = ?, start_utc = ?,
                               duration_s = ?, key = ?
        WHERE id = ?)sql");
    bind_item(*update, 1, item);
    if (item.key.empty()) update->bind_null(6);
    else update->bind(6, item.key);
    update->bind(7, item.id);
    update->run();
    write_children(item);
}

void AgendaStore::write_children(const AgendaItem& item) {
    for (const char* table : {"agenda_speaker", "agenda_point"}) {
        auto clear =
            m_db.connection().prepare(fmt::format("DELETE FROM {} WHERE item_id = ?", table));
        clear->bind(1, item.id);
        clear->run();
    }
    auto speaker = m_db.connection().prepare(R"sql(
        INSERT INTO agenda_speaker (item_id, position, name, role, organisation)
        VALUES (?, ?, ?, ?, ?))sql");
    int position = 1;
    for (const auto& s : item.speakers) {
        speaker->bind(1, item.id);
        speaker->bind(2, position++);
        speaker->bind(3, s.name);
        speaker->bind(4, s.role);
        speaker->bind(5, s.organisation);
        speaker->run();
        speaker->reset();
    }
    auto point = m_db.connection().prepare(
        "INSERT INTO agenda_point (item_id, position, text) VALUES (?, ?, ?)");
    position = 1;
    for (const auto& text : item.points) {
        point->bind(1, item.id);
        point->bind(2, position++);
        point->bind(3, text);
        point->run();
        point->reset();
    }
}

void AgendaStore::move(std::int64_t event_id, int from, int to) {
    const int size = count(event_id);
    if (to < 1 || to > size) {
        throw std::out_of_range(fmt::format("agenda position {} outside 1..{}", to, size));
    }
    const auto id = id_at(event_id, from);
    if (from == to) return;
    // Close the gap the item leaves, open one where it lands.
    if (from < to) {
        shift(event_id, from + 1, to, -1);
    } else {
        shift(event_id, to, from - 1, +1);
    }
    auto place = m_db.connection().prepare("UPDATE agenda_item SET position = ? WHERE id = ?");
    place->bind(1, to);
    place->bind(2, id);
    place->run();
}

void AgendaStore::remove(std::int64_t event_id, int position) {
    const auto id = id_at(event_id, position);
    auto remove = m_db.connection().prepare("DELETE FROM agenda_item WHERE id = ?");
    remove->bind(1, id);
    remove->run();
    shift(event_id, position + 1, std::numeric_limits<int>::max(), -1);
}

int AgendaStore::move_times(std::int64_t event_id, std::chrono::seconds delta) {
    auto move = m_db.connection().prepare(R"sql(
        UPDATE agenda_item SET start_utc = start_utc + ?
        WHERE event_id = ? AND start_utc IS NOT NULL)sql");
    move->bind(1, static_cast<std::int64_t>(delta.count()));
    move->bind(2, event_id);
    return static_cast<int>(move->run());
}

}  // namespace convene::store
