#include "convene/store/event_store.hpp"

#include <charconv>

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/text/suggest.hpp"
#include "damaged_row.hpp"
#include "dialect.hpp"
#include "stored_time.hpp"
#include "stored_value.hpp"

namespace convene::store {

using domain::Event;

namespace {

// Lists come back joined by the ASCII unit separator, which no tag or name contains.
constexpr char k_list_separator = '\x1f';

// The event's columns, read_event's order, then `more` (columns after a comma).
std::string select(sql::Engine engine, std::string_view more = {}) {
    return fmt::format(R"sql(
SELECT e.id, e.slug, e.uid, e.title, e.description, e.timezone, e.all_day,
       e.start_utc, e.end_utc, e.start_date, e.end_date, e.venue, e.online_url,
       e.registration_url, e.parent_id, e.capacity, e.status, e.sequence,
       e.created_at, e.updated_at, {}, {}, e.locale, e.schedule_id, e.track,
       e.session_type, e.room, {}, e.join_url{}
FROM event AS e
)sql",
                       dialect::joined_list(engine, "event_language", "tag"),
                       // A role and a colour are '' or a word without a space: the first
                       // space ends them.
                       dialect::joined_list(engine, "event_organiser", "role || ' ' || name"),
                       dialect::joined_list(engine, "event_track", "colour || ' ' || name"), more);
}

// After the event's 29 columns: registered, waitlisted (kept by triggers, schema version 2).
constexpr std::string_view k_seat_columns = R"sql(,
       coalesce((SELECT n FROM registration_count
                 WHERE event_id = e.id AND status = 'registered'), 0),
       coalesce((SELECT n FROM registration_count
                 WHERE event_id = e.id AND status = 'waitlisted'), 0))sql";
constexpr int k_registered_column = 29;

// Events by start: timed by their instant, all-day ones from midnight UTC of their date.
std::string by_start(sql::Engine engine) {
    return fmt::format(" ORDER BY coalesce(e.start_utc, {}), e.id",
                       dialect::date_seconds(engine, "e.start_date"));
}

std::vector<std::string> split_list(sql::Statement& row, int column) {
    std::vector<std::string> items;
    if (row.is_null(column)) return items;
    std::string_view text = row.text(column);
    while (true) {
        const auto cut = text.find(k_list_separator);
        items.emplace_back(text.substr(0, cut));
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return items;
}

std::vector<domain::Track> split_tracks(sql::Statement& row, int column) {
    std::vector<domain::Track> tracks;
    for (const auto& pair : split_list(row, column)) {
        const auto space = pair.find(' ');
        if (space == std::string::npos) throw_damaged("event_track", "a track without a name");
        tracks.push_back({.name = pair.substr(space + 1), .colour = pair.substr(0, space)});
    }
    return tracks;
}

std::vector<domain::Organiser> split_organisers(sql::Statement& row, int column) {
    std::vector<domain::Organiser> organisers;
    for (const auto& pair : split_list(row, column)) {
        const auto space = pair.find(' ');
        if (space == std::string::npos)
            throw_damaged("event_organiser", "an organiser without a role column");
        const auto word = std::string_view(pair).substr(0, space);
        const auto role = word.empty() ? std::optional(domain::OrganiserRole::none)
                                       : domain::parse_organiser_role(word);
        if (!role || (!word.empty() && domain::to_string(*role) != word)) {
            throw_damaged("event_organiser", fmt::format("'{}' is not an organiser's role", word));
        }
        organisers.push_back({.name = pair.substr(space + 1), .role = *role});
    }
    return organisers;
}

Event decode_event(sql::Statement& row) {
    Event e;
    e.id = row.integer(0);
    e.slug = row.string(1);
    e.uid = row.string(2);
    e.title = row.string(3);
    e.description = row.string(4);
    e.timezone = row.string(5);
    e.all_day = row.integer(6) != 0;
    if (e.all_day) {
        e.start_date = stored_value(domain::parse_date(row.string(9)), "event");
        e.end_date = stored_value(domain::parse_date(row.string(10)), "event");
    } else {
        e.start = instant_column("event", row, 7);
        e.end = instant_column("event", row, 8);
    }
    e.venue = row.string(11);
    e.online_url = row.string(12);
    e.registration_url = row.string(13);
    if (!row.is_null(14)) e.parent_id = row.integer(14);
    if (!row.is_null(15)) e.capacity = row.integer(15);
    e.status = stored_value(domain::parse_event_status(row.string(16)), "event");
    e.sequence = row.integer(17);
    e.created_at = instant_column("event", row, 18);
    e.updated_at = instant_column("event", row, 19);
    e.languages = split_list(row, 20);
    e.organisers = split_organisers(row, 21);
    e.locale = stored_value(domain::parse_locale(row.string(22)), "event");
    e.schedule_id = integer_column("event", row, 23);
    e.track = row.string(24);
    e.session_type = row.string(25);
    e.room = row.string(26);
    e.tracks = split_tracks(row, 27);
    e.join_url = row.string(28);
    // The schema's CHECK says as much; a row written around it (another program, a restore
    // with checks off) is damage, not something the rest of convene should trip over.
    if (e.all_day ? e.end_date < e.start_date : e.end <= e.start) {
        throw_damaged("event", fmt::format("event {} ends before it starts", e.id));
    }
    return e;
}

Event read_event(sql::Statement& row) {
    return read_checked("event", [&] { return decode_event(row); });
}

// Binds the columns shared by insert and update, in the order both statements name them.
void bind_fields(sql::Statement& stmt, const Event& e) {
    int i = 1;
    stmt.bind(i++, e.slug);
    stmt.bind(i++, e.title);
    stmt.bind(i++, e.description);
    stmt.bind(i++, e.timezone);
    stmt.bind(i++, e.all_day ? 1 : 0);
    if (e.all_day) {
        stmt.bind_null(i++);
        stmt.bind_null(i++);
        stmt.bind(i++, domain::format_date(e.start_date));
        stmt.bind(i++, domain::format_date(e.end_date));
    } else {
        stmt.bind(i++, seconds(e.start));
        stmt.bind(i++, seconds(e.end));
        stmt.bind_null(i++);
        stmt.bind_null(i++);
    }
    stmt.bind(i++, e.venue);
    stmt.bind(i++, e.track);
    stmt.bind(i++, e.session_type);
    stmt.bind(i++, e.room);
    stmt.bind(i++, e.online_url);
    stmt.bind(i++, e.join_url);
    stmt.bind(i++, e.registration_url);
    if (e.parent_id) stmt.bind(i++, *e.parent_id);
    else stmt.bind_null(i++);
    if (e.capacity) stmt.bind(i++, *e.capacity);
    else stmt.bind_null(i++);
    stmt.bind(i++, domain::to_string(e.status));
    stmt.bind(i++, e.sequence);
    stmt.bind(i++, seconds(e.updated_at));
    stmt.bind(i++, e.locale);
    if (e.id != 0) {
        stmt.bind(i++, e.id);
    } else {
        stmt.bind(i++, e.uid);
        stmt.bind(i++, seconds(e.created_at));
        stmt.bind(i++, e.schedule_id);  // 0: the next free one
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
                            "choose another slug");
    }
    auto& db = m_db.connection();
    auto insert = db.prepare(std::string(R"sql(
        INSERT INTO event (slug, title, description, timezone, all_day, start_utc, end_utc,
                           start_date, end_date, venue, track, session_type, room, online_url,
                           join_url, registration_url, parent_id, capacity, status, sequence, updated_at,
                           locale, uid, created_at, schedule_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                coalesce(nullif(CAST(? AS bigint), 0),
                         (SELECT coalesce(max(schedule_id), 0) + 1 FROM event))))sql") +
                             std::string(dialect::returning_id(db.engine())));
    Event stored = event;
    stored.id = 0;
    bind_fields(*insert, stored);
    stored.id = insert->insert().value();
    write_lists(stored);
    return stored.id;
}

void EventStore::update(const Event& event) {
    auto update = m_db.connection().prepare(R"sql(
        UPDATE event SET slug = ?, title = ?, description = ?, timezone = ?, all_day = ?,
                         start_utc = ?, end_utc = ?, start_date = ?, end_date = ?, venue = ?,
                         track = ?, session_type = ?, room = ?, online_url = ?, join_url = ?,
                         registration_url = ?, parent_id = ?, capacity = ?,
                         status = ?, sequence = ?, updated_at = ?, locale = ?
        WHERE id = ?)sql");
    bind_fields(*update, event);
    update->run();
    write_lists(event);
}

void EventStore::write_lists(const Event& event) {
    auto replace = [&](std::string_view table, std::string_view column,
                       const std::vector<std::string>& values) {
        auto clear =
            m_db.connection().prepare(fmt::format("DELETE FROM {} WHERE event_id = ?", table));
        clear->bind(1, event.id);
        clear->run();
        auto add = m_db.connection().prepare(
            fmt::format("INSERT INTO {} (event_id, position, {}) VALUES (?, ?, ?)", table, column));
        int position = 1;
        for (const auto& value : values) {
            add->bind(1, event.id);
            add->bind(2, position++);
            add->bind(3, value);
            add->run();
            add->reset();
        }
    };
    replace("event_language", "tag", event.languages);
    write_organisers(event);
    write_tracks(event);
}

void EventStore::write_organisers(const Event& event) {
    auto clear = m_db.connection().prepare("DELETE FROM event_organiser WHERE event_id = ?");
    clear->bind(1, event.id);
    clear->run();
    auto add = m_db.connection().prepare(
        "INSERT INTO event_organiser (event_id, position, name, role) VALUES (?, ?, ?, ?)");
    int position = 1;
    for (const auto& organiser : event.organisers) {
        add->bind(1, event.id);
        add->bind(2, position++);
        add->bind(3, organiser.name);
        add->bind(4, domain::to_string(organiser.role));
        add->run();
        add->reset();
    }
}

void EventStore::write_tracks(const Event& event) {
    auto clear = m_db.connection().prepare("DELETE FROM event_track WHERE event_id = ?");
    clear->bind(1, event.id);
    clear->run();
    auto add = m_db.connection().prepare(
        "INSERT INTO event_track (event_id, position, name, colour) VALUES (?, ?, ?, ?)");
    int position = 1;
    for (const auto& track : event.tracks) {
        add->bind(1, event.id);
        add->bind(2, position++);
        add->bind(3, track.name);
        add->bind(4, track.colour);
        add->run();
        add->reset();
    }
}

void EventStore::remove(std::int64_t id) {
    auto remove = m_db.connection().prepare("DELETE FROM event WHERE id = ?");
    remove->bind(1, id);
    remove->run();
}

std::optional<Event> EventStore::find(std::string_view slug_or_id) {
    if (auto id = as_id(slug_or_id)) return find_by_id(*id);
    auto query =
        m_db.connection().prepare(select(m_db.connection().engine()) + " WHERE e.slug = ?");
    query->bind(1, slug_or_id);
    if (!query->step()) return std::nullopt;
    return read_event(*query);
}

std::optional<Event> EventStore::find_by_id(std::int64_t id) {
    auto query = m_db.connection().prepare(select(m_db.connection().engine()) + " WHERE e.id = ?");
    query->bind(1, id);
    if (!query->step()) return std::nullopt;
    return read_event(*query);
}

Event EventStore::get(std::string_view slug_or_id) {
    if (auto event = find(slug_or_id)) return std::move(*event);
    // A near slug is only offered, never taken: the user may mean another event.
    auto hint = text::did_you_mean(slug_or_id, slugs());
    throw NotFoundError(fmt::format("no event '{}'", slug_or_id),
                        hint.empty() ? "'convene list events' shows the slugs" : hint);
}

EventSeats EventStore::get_with_seats(std::string_view slug_or_id) {
    const auto id = as_id(slug_or_id);
    auto query = m_db.connection().prepare(select(m_db.connection().engine(), k_seat_columns) +
                                           (id ? " WHERE e.id = ?" : " WHERE e.slug = ?"));
    if (id) query->bind(1, *id);
    else query->bind(1, slug_or_id);
    if (!query->step()) return {get(slug_or_id), {}};  // get says it is missing
    return {read_event(*query),
            {query->integer(k_registered_column), query->integer(k_registered_column + 1)}};
}

std::vector<std::string> EventStore::slugs() {
    auto query = m_db.connection().prepare("SELECT slug FROM event ORDER BY slug");
    std::vector<std::string> slugs;
    while (query->step()) slugs.push_back(query->string(0));
    return slugs;
}

bool EventStore::slug_taken(std::string_view slug) {
    auto query = m_db.connection().prepare("SELECT 1 FROM event WHERE slug = ?");
    query->bind(1, slug);
    return query->step();
}

bool EventStore::uid_taken(std::string_view uid) {
    auto query = m_db.connection().prepare("SELECT 1 FROM event WHERE uid = ?");
    query->bind(1, uid);
    return query->step();
}

std::optional<Event> EventStore::find_by_uid(std::string_view uid) {
    auto query = m_db.connection().prepare(select(m_db.connection().engine()) + " WHERE e.uid = ?");
    query->bind(1, uid);
    if (!query->step()) return std::nullopt;
    return read_event(*query);
}

bool EventStore::schedule_id_taken(std::int64_t schedule_id) {
    auto query = m_db.connection().prepare("SELECT 1 FROM event WHERE schedule_id = ?");
    query->bind(1, schedule_id);
    return query->step();
}

bool EventStore::would_cycle(std::int64_t event_id, std::int64_t candidate_parent_id) {
    auto query = m_db.connection().prepare(R"sql(
        WITH RECURSIVE chain(id) AS (
            SELECT CAST(? AS bigint)
            UNION
            SELECT e.parent_id FROM event AS e JOIN chain ON e.id = chain.id
            WHERE e.parent_id IS NOT NULL)
        SELECT 1 FROM chain WHERE id = ?)sql");
    query->bind(1, candidate_parent_id);
    query->bind(2, event_id);
    return query->step();
}

std::string EventStore::free_slug(std::string_view base) {
    std::string slug(base);
    for (int n = 2; slug_taken(slug); ++n) slug = fmt::format("{}-{}", base, n);
    return slug;
}

std::vector<Event> EventStore::children(std::int64_t parent_id) {
    const auto engine = m_db.connection().engine();
    auto query =
        m_db.connection().prepare(select(engine) + " WHERE e.parent_id = ?" + by_start(engine));
    query->bind(1, parent_id);
    std::vector<Event> events;
    while (query->step()) events.push_back(read_event(*query));
    return events;
}

void EventStore::check_rows(const DamagedRows& damaged) {
    auto query = m_db.connection().prepare(select(m_db.connection().engine()) + " ORDER BY e.id");
    read_each_checked(*query, 0, read_event, damaged);
}

void EventStore::for_each(const std::function<void(const Event&)>& visit) {
    auto query = m_db.connection().prepare(select(m_db.connection().engine()) +
                                           by_start(m_db.connection().engine()));
    while (query->step()) visit(read_event(*query));
}

}  // namespace convene::store
