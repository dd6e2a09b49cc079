#include "convene/store/event_store.hpp"

#include <charconv>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "connection.hpp"
#include "convene/domain/time.hpp"
#include "convene/text/suggest.hpp"
#include "damaged_row.hpp"
#include "stored_value.hpp"

namespace convene::store {

using domain::Event;

namespace {

// Lists come back joined by the ASCII unit separator, which no tag or name contains.
constexpr char k_list_separator = '\x1f';

constexpr std::string_view k_select = R"sql(
SELECT e.id, e.slug, e.uid, e.title, e.description, e.timezone, e.all_day,
       e.start_utc, e.end_utc, e.start_date, e.end_date, e.venue, e.online_url,
       e.registration_url, e.parent_id, e.capacity, e.status, e.sequence,
       e.created_at, e.updated_at,
       (SELECT group_concat(tag, char(31)) FROM
            (SELECT tag FROM event_language WHERE event_id = e.id ORDER BY position)),
       (SELECT group_concat(name, char(31)) FROM
            (SELECT name FROM event_organiser WHERE event_id = e.id ORDER BY position)),
       e.locale
FROM event AS e
)sql";

std::vector<std::string> split_list(const SQLite::Column& column) {
    std::vector<std::string> items;
    if (column.isNull()) return items;
    std::string_view text = column.getText();
    while (true) {
        const auto cut = text.find(k_list_separator);
        items.emplace_back(text.substr(0, cut));
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return items;
}

domain::Instant instant(const SQLite::Column& column) {
    return domain::Instant{std::chrono::seconds{integer_column("event", column)}};
}

Event decode_event(SQLite::Statement& row) {
    Event e;
    e.id = row.getColumn(0).getInt64();
    e.slug = row.getColumn(1).getString();
    e.uid = row.getColumn(2).getString();
    e.title = row.getColumn(3).getString();
    e.description = row.getColumn(4).getString();
    e.timezone = row.getColumn(5).getString();
    e.all_day = row.getColumn(6).getInt() != 0;
    if (e.all_day) {
        e.start_date = stored_value(domain::parse_date(row.getColumn(9).getString()), "event");
        e.end_date = stored_value(domain::parse_date(row.getColumn(10).getString()), "event");
    } else {
        e.start = instant(row.getColumn(7));
        e.end = instant(row.getColumn(8));
    }
    e.venue = row.getColumn(11).getString();
    e.online_url = row.getColumn(12).getString();
    e.registration_url = row.getColumn(13).getString();
    if (!row.getColumn(14).isNull()) e.parent_id = row.getColumn(14).getInt64();
    if (!row.getColumn(15).isNull()) e.capacity = row.getColumn(15).getInt64();
    e.status = stored_value(domain::parse_event_status(row.getColumn(16).getString()), "event");
    e.sequence = row.getColumn(17).getInt64();
    e.created_at = instant(row.getColumn(18));
    e.updated_at = instant(row.getColumn(19));
    e.languages = split_list(row.getColumn(20));
    e.organisers = split_list(row.getColumn(21));
    e.locale = stored_value(domain::parse_locale(row.getColumn(22).getString()), "event");
    return e;
}

Event read_event(SQLite::Statement& row) {
    return read_checked("event", [&] { return decode_event(row); });
}

// Binds the columns shared by insert and update, in the order both statements name them.
void bind_fields(SQLite::Statement& stmt, const Event& e) {
    int i = 1;
    stmt.bind(i++, e.slug);
    stmt.bind(i++, e.title);
    stmt.bind(i++, e.description);
    stmt.bind(i++, e.timezone);
    stmt.bind(i++, e.all_day ? 1 : 0);
    if (e.all_day) {
        stmt.bind(i++);
        stmt.bind(i++);
        stmt.bind(i++, domain::format_date(e.start_date));
        stmt.bind(i++, domain::format_date(e.end_date));
    } else {
        stmt.bind(i++, static_cast<std::int64_t>(e.start.time_since_epoch().count()));
        stmt.bind(i++, static_cast<std::int64_t>(e.end.time_since_epoch().count()));
        stmt.bind(i++);
        stmt.bind(i++);
    }
    stmt.bind(i++, e.venue);
    stmt.bind(i++, e.online_url);
    stmt.bind(i++, e.registration_url);
    if (e.parent_id) stmt.bind(i++, *e.parent_id);
    else stmt.bind(i++);
    if (e.capacity) stmt.bind(i++, *e.capacity);
    else stmt.bind(i++);
    stmt.bind(i++, std::string(domain::to_string(e.status)));
    stmt.bind(i++, e.sequence);
    stmt.bind(i++, static_cast<std::int64_t>(e.updated_at.time_since_epoch().count()));
    stmt.bind(i++, e.locale);
    if (e.id != 0) {
        stmt.bind(i++, e.id);
    } else {
        stmt.bind(i++, e.uid);
        stmt.bind(i++, static_cast<std::int64_t>(e.created_at.time_since_epoch().count()));
    }
}

std::optional<std::int64_t> as_id(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return id;
}

}  // namespace

std::int64_t EventStore::insert(const Event& event) {
    if (slug_taken(event.slug)) {
        throw ConflictError(fmt::format("an event with slug '{}' exists already", event.slug),
                            "choose another --slug");
    }
    SQLite::Statement insert(sqlite(m_db), R"sql(
        INSERT INTO event (slug, title, description, timezone, all_day, start_utc, end_utc,
                           start_date, end_date, venue, online_url, registration_url,
                           parent_id, capacity, status, sequence, updated_at, locale, uid, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    Event stored = event;
    stored.id = 0;
    bind_fields(insert, stored);
    insert.exec();
    stored.id = sqlite(m_db).getLastInsertRowid();
    write_lists(stored);
    return stored.id;
}

void EventStore::update(const Event& event) {
    SQLite::Statement update(sqlite(m_db), R"sql(
        UPDATE event SET slug = ?, title = ?, description = ?, timezone = ?, all_day = ?,
                         start_utc = ?, end_utc = ?, start_date = ?, end_date = ?, venue = ?,
                         online_url = ?, registration_url = ?, parent_id = ?, capacity = ?,
                         status = ?, sequence = ?, updated_at = ?, locale = ?
        WHERE id = ?)sql");
    bind_fields(update, event);
    update.exec();
    write_lists(event);
}

void EventStore::write_lists(const Event& event) {
    auto replace = [&](std::string_view table, std::string_view column,
                       const std::vector<std::string>& values) {
        SQLite::Statement clear(sqlite(m_db),
                                fmt::format("DELETE FROM {} WHERE event_id = ?", table));
        clear.bind(1, event.id);
        clear.exec();
        SQLite::Statement add(
            sqlite(m_db),
            fmt::format("INSERT INTO {} (event_id, position, {}) VALUES (?, ?, ?)", table, column));
        int position = 1;
        for (const auto& value : values) {
            add.bind(1, event.id);
            add.bind(2, position++);
            add.bind(3, value);
            add.exec();
            add.reset();
        }
    };
    replace("event_language", "tag", event.languages);
    replace("event_organiser", "name", event.organisers);
}

void EventStore::remove(std::int64_t id) {
    SQLite::Statement remove(sqlite(m_db), "DELETE FROM event WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
}

std::optional<Event> EventStore::find(std::string_view slug_or_id) {
    if (auto id = as_id(slug_or_id)) return find_by_id(*id);
    SQLite::Statement query(sqlite(m_db), std::string(k_select) + " WHERE e.slug = ?");
    query.bind(1, std::string(slug_or_id));
    if (!query.executeStep()) return std::nullopt;
    return read_event(query);
}

std::optional<Event> EventStore::find_by_id(std::int64_t id) {
    SQLite::Statement query(sqlite(m_db), std::string(k_select) + " WHERE e.id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return read_event(query);
}

Event EventStore::get(std::string_view slug_or_id) {
    if (auto event = find(slug_or_id)) return std::move(*event);
    // A near slug is only offered, never taken: the user may mean another event.
    auto hint = text::did_you_mean(slug_or_id, slugs());
    throw NotFoundError(fmt::format("no event '{}'", slug_or_id),
                        hint.empty() ? "'convene list events' shows the slugs" : hint);
}

std::vector<std::string> EventStore::slugs() {
    SQLite::Statement query(sqlite(m_db), "SELECT slug FROM event ORDER BY slug");
    std::vector<std::string> slugs;
    while (query.executeStep()) slugs.push_back(query.getColumn(0).getString());
    return slugs;
}

bool EventStore::slug_taken(std::string_view slug) {
    SQLite::Statement query(sqlite(m_db), "SELECT 1 FROM event WHERE slug = ?");
    query.bind(1, std::string(slug));
    return query.executeStep();
}

bool EventStore::would_cycle(std::int64_t event_id, std::int64_t candidate_parent_id) {
    SQLite::Statement query(sqlite(m_db), R"sql(
        WITH RECURSIVE chain(id) AS (
            SELECT ?
            UNION
            SELECT e.parent_id FROM event AS e JOIN chain ON e.id = chain.id
            WHERE e.parent_id IS NOT NULL)
        SELECT 1 FROM chain WHERE id = ?)sql");
    query.bind(1, candidate_parent_id);
    query.bind(2, event_id);
    return query.executeStep();
}

std::string EventStore::free_slug(std::string_view base) {
    std::string slug(base);
    for (int n = 2; slug_taken(slug); ++n) slug = fmt::format("{}-{}", base, n);
    return slug;
}

std::vector<Event> EventStore::children(std::int64_t parent_id) {
    SQLite::Statement query(sqlite(m_db),
                            std::string(k_select) +
                                " WHERE e.parent_id = ?"
                                " ORDER BY coalesce(e.start_utc, unixepoch(e.start_date)), e.id");
    query.bind(1, parent_id);
    std::vector<Event> events;
    while (query.executeStep()) events.push_back(read_event(query));
    return events;
}

void EventStore::for_each(const std::function<void(const Event&)>& visit) {
    SQLite::Statement query(sqlite(m_db),
                            std::string(k_select) +
                                " ORDER BY coalesce(e.start_utc, unixepoch(e.start_date)), e.id");
    while (query.executeStep()) visit(read_event(query));
}

}  // namespace convene::store
