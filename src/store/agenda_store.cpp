#include "convene/store/agenda_store.hpp"

#include <limits>
#include <stdexcept>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "connection.hpp"
#include "damaged_row.hpp"

namespace convene::store {

using domain::AgendaItem;

namespace {

constexpr std::string_view k_select_items = R"sql(
SELECT id, event_id, position, title, description, kind, start_utc, duration_s
FROM agenda_item WHERE event_id = ?)sql";

AgendaItem decode_item(SQLite::Statement& row) {
    AgendaItem item;
    item.id = row.getColumn(0).getInt64();
    item.event_id = row.getColumn(1).getInt64();
    item.position = row.getColumn(2).getInt();
    item.title = row.getColumn(3).getString();
    item.description = row.getColumn(4).getString();
    item.kind = row.getColumn(5).getString();
    if (!row.getColumn(6).isNull()) {
        const auto seconds = integer_column("agenda_item", row.getColumn(6));
        item.start = domain::Instant{std::chrono::seconds{seconds}};
    }
    if (!row.getColumn(7).isNull()) {
        item.duration = std::chrono::seconds{integer_column("agenda_item", row.getColumn(7))};
    }
    return item;
}

AgendaItem read_item(SQLite::Statement& row) {
    return read_checked("agenda_item", [&] { return decode_item(row); });
}

void bind_item(SQLite::Statement& stmt, const AgendaItem& item) {
    stmt.bind(":title", item.title);
    stmt.bind(":description", item.description);
    stmt.bind(":kind", item.kind);
    if (item.start) {
        stmt.bind(":start", static_cast<std::int64_t>(item.start->time_since_epoch().count()));
    } else {
        stmt.bind(":start");
    }
    if (item.duration) {
        stmt.bind(":duration", static_cast<std::int64_t>(item.duration->count()));
    } else {
        stmt.bind(":duration");
    }
}

}  // namespace

std::vector<AgendaItem> AgendaStore::list(std::int64_t event_id) {
    std::vector<AgendaItem> items;
    std::unordered_map<std::int64_t, std::size_t> index;
    SQLite::Statement query(sqlite(m_db), std::string(k_select_items) + " ORDER BY position, id");
    query.bind(1, event_id);
    while (query.executeStep()) {
        items.push_back(read_item(query));
        index.emplace(items.back().id, items.size() - 1);
    }
    if (items.empty()) return items;

    // Children of all items at once, in item then child order, instead of two queries per item.
    SQLite::Statement speakers(sqlite(m_db), R"sql(
        SELECT s.item_id, s.name, s.role, s.organisation
        FROM agenda_speaker AS s JOIN agenda_item AS i ON i.id = s.item_id
        WHERE i.event_id = ? ORDER BY s.item_id, s.position)sql");
    speakers.bind(1, event_id);
    while (speakers.executeStep()) {
        items[index.at(speakers.getColumn(0).getInt64())].speakers.push_back(
            {speakers.getColumn(1).getString(), speakers.getColumn(2).getString(),
             speakers.getColumn(3).getString()});
    }
    SQLite::Statement points(sqlite(m_db), R"sql(
        SELECT p.item_id, p.text
        FROM agenda_point AS p JOIN agenda_item AS i ON i.id = p.item_id
        WHERE i.event_id = ? ORDER BY p.item_id, p.position)sql");
    points.bind(1, event_id);
    while (points.executeStep()) {
        items[index.at(points.getColumn(0).getInt64())].points.push_back(
            points.getColumn(1).getString());
    }
    return items;
}

std::optional<AgendaItem> AgendaStore::find(std::int64_t event_id, int position) {
    // Small agendas: reading all keeps one code path for children.
    for (auto& item : list(event_id)) {
        if (item.position == position) return std::move(item);
    }
    return std::nullopt;
}

int AgendaStore::count(std::int64_t event_id) {
    SQLite::Statement query(sqlite(m_db), "SELECT count(*) FROM agenda_item WHERE event_id = ?");
    query.bind(1, event_id);
    query.executeStep();
    return query.getColumn(0).getInt();
}

std::int64_t AgendaStore::id_at(std::int64_t event_id, int position) {
    SQLite::Statement query(sqlite(m_db),
                            "SELECT id FROM agenda_item WHERE event_id = ? AND position = ?");
    query.bind(1, event_id);
    query.bind(2, position);
    if (!query.executeStep()) {
        throw std::out_of_range(fmt::format("no agenda item {} in event {}", position, event_id));
    }
    return query.getColumn(0).getInt64();
}

void AgendaStore::shift(std::int64_t event_id, int first, int last, int delta) {
    SQLite::Statement update(sqlite(m_db), R"sql(
        UPDATE agenda_item SET position = position + ?
        WHERE event_id = ? AND position BETWEEN ? AND ?)sql");
    update.bind(1, delta);
    update.bind(2, event_id);
    update.bind(3, first);
    update.bind(4, last);
    update.exec();
}

int AgendaStore::insert(const AgendaItem& item) {
    const int size = count(item.event_id);
    const int position = item.position == 0 ? size + 1 : item.position;
    if (position < 1 || position > size + 1) {
        throw std::out_of_range(
            fmt::format("agenda position {} outside 1..{}", position, size + 1));
    }
    shift(item.event_id, position, size, +1);
    SQLite::Statement insert(sqlite(m_db), R"sql(
        INSERT INTO agenda_item (event_id, position, title, description, kind, start_utc,
                                 duration_s)
        VALUES (:event, :position, :title, :description, :kind, :start, :duration))sql");
    insert.bind(":event", item.event_id);
    insert.bind(":position", position);
    bind_item(insert, item);
    insert.exec();
    AgendaItem stored = item;
    stored.id = sqlite(m_db).getLastInsertRowid();
    write_children(stored);
    return position;
}

void AgendaStore::update(const AgendaItem& item) {
    SQLite::Statement update(sqlite(m_db), R"sql(
        UPDATE agenda_item SET title = :title, description = :description, kind = :kind,
                               start_utc = :start, duration_s = :duration
        WHERE id = :id)sql");
    update.bind(":id", item.id);
    bind_item(update, item);
    update.exec();
    write_children(item);
}

void AgendaStore::write_children(const AgendaItem& item) {
    for (const char* table : {"agenda_speaker", "agenda_point"}) {
        SQLite::Statement clear(sqlite(m_db),
                                fmt::format("DELETE FROM {} WHERE item_id = ?", table));
        clear.bind(1, item.id);
        clear.exec();
    }
    SQLite::Statement speaker(sqlite(m_db), R"sql(
        INSERT INTO agenda_speaker (item_id, position, name, role, organisation)
        VALUES (?, ?, ?, ?, ?))sql");
    int position = 1;
    for (const auto& s : item.speakers) {
        speaker.bind(1, item.id);
        speaker.bind(2, position++);
        speaker.bind(3, s.name);
        speaker.bind(4, s.role);
        speaker.bind(5, s.organisation);
        speaker.exec();
        speaker.reset();
    }
    SQLite::Statement point(sqlite(m_db),
                            "INSERT INTO agenda_point (item_id, position, text) VALUES (?, ?, ?)");
    position = 1;
    for (const auto& text : item.points) {
        point.bind(1, item.id);
        point.bind(2, position++);
        point.bind(3, text);
        point.exec();
        point.reset();
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
    SQLite::Statement place(sqlite(m_db), "UPDATE agenda_item SET position = ? WHERE id = ?");
    place.bind(1, to);
    place.bind(2, id);
    place.exec();
}

void AgendaStore::remove(std::int64_t event_id, int position) {
    const auto id = id_at(event_id, position);
    SQLite::Statement remove(sqlite(m_db), "DELETE FROM agenda_item WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
    shift(event_id, position + 1, std::numeric_limits<int>::max(), -1);
}

int AgendaStore::move_times(std::int64_t event_id, std::chrono::seconds delta) {
    SQLite::Statement move(sqlite(m_db), R"sql(
        UPDATE agenda_item SET start_utc = start_utc + ?
        WHERE event_id = ? AND start_utc IS NOT NULL)sql");
    move.bind(1, static_cast<std::int64_t>(delta.count()));
    move.bind(2, event_id);
    return move.exec();
}

}  // namespace convene::store
