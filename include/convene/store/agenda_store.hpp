#pragma once
// Agenda items with their speakers and points: the only place that knows their tables.
// Every write runs inside the caller's transaction, so a command that renumbers several items
// commits all of them or none.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "convene/domain/agenda.hpp"
#include "convene/store/database.hpp"

namespace convene::store {

class AgendaStore {
public:
    explicit AgendaStore(Database& db) : m_db(db) {}

    // Every item of the event in position order, speakers and points in theirs.
    // Three queries whatever the number of items.
    std::vector<domain::AgendaItem> list(std::int64_t event_id);
    // The speakers of every session of `parent_id` (its child events), by session id, each
    // person once per session in agenda order; one query whatever the number of sessions.
    std::map<std::int64_t, std::vector<domain::Speaker>> session_speakers(std::int64_t parent_id);
    // The item at `position`, or nothing.
    std::optional<domain::AgendaItem> find(std::int64_t event_id, int position);
    // The item a setup script called `key` (add-agenda-item --key), or nothing.
    std::optional<domain::AgendaItem> find_by_key(std::int64_t event_id, std::string_view key);
    int count(std::int64_t event_id);
    // Reads every item, telling `damaged` of each that does not read back (`db check`).
    void check_rows(const DamagedRows& damaged);

    // Inserts item (for item.event_id) at item.position, moving that item and the ones after it
    // one place down; position 0 appends. Returns the item's position. An item without a UID
    // or schedule number gets new ones (a copied item keeps its own). A position outside
    // 0..count+1 is a caller's bug (std::out_of_range): commands check it first.
    int insert(const domain::AgendaItem& item);
    // Rewrites the item with item.id: fields, key, speakers and points. Its position, UID and
    // schedule number are kept.
    void update(const domain::AgendaItem& item);
    // Moves the item at `from` to `to`, shifting the ones between; both in 1..count.
    void move(std::int64_t event_id, int from, int to);
    // Deletes the item at `position`; the ones after it move up so positions stay 1..n.
    void remove(std::int64_t event_id, int position);
    // Moves every timed item of the event by `delta` (the event itself moved); returns how many.
    int move_times(std::int64_t event_id, std::chrono::seconds delta);

private:
    std::int64_t id_at(std::int64_t event_id, int position);
    // Adds `delta` to the position of the event's items in [first, last].
    void shift(std::int64_t event_id, int first, int last, int delta);
    void write_children(const domain::AgendaItem& item);

    Database& m_db;
};

}  // namespace convene::store
