#pragma once
// Events in the database: the only place that knows their tables.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/store/database.hpp"

namespace convene::store {

// What places a newcomer: seats taken and people waiting.
struct SeatCounts {
    std::int64_t registered{0};
    std::int64_t waitlisted{0};
};

// An event and its seat counts, read together.
struct EventSeats {
    domain::Event event;
    SeatCounts seats;
};

class EventStore {
public:
    explicit EventStore(Database& db) : m_db(db) {}

    // Inserts the event with its languages, organisers and tracks; returns the new id.
    // A taken slug is a ConflictError.
    std::int64_t insert(const domain::Event& event);
    // Rewrites every column but id, uid and created_at.
    void update(const domain::Event& event);
    void remove(std::int64_t id);

    // By slug, or by numeric id when the text is all digits.
    std::optional<domain::Event> find(std::string_view slug_or_id);
    // As find, but a missing event is a NotFoundError.
    domain::Event get(std::string_view slug_or_id);
    // As get, with the seat counts in the same statement: one round trip less for one
    // registration on PostgreSQL (issue 28).
    EventSeats get_with_seats(std::string_view slug_or_id);
    std::optional<domain::Event> find_by_id(std::int64_t id);

    bool slug_taken(std::string_view slug);
    // Whether an event already has this UID (`db copy` keeps UIDs, which must stay unique).
    bool uid_taken(std::string_view uid);
    // The event with this UID (a session imported from a schedule has the talk's guid).
    std::optional<domain::Event> find_by_uid(std::string_view uid);
    // Whether an event already has this frab number (import-schedule keeps the talk's own).
    bool schedule_id_taken(std::int64_t schedule_id);
    // Every slug, sorted (for suggestions and shell completion).
    std::vector<std::string> slugs();
    // True when `event_id` is `candidate_parent_id` or one of its ancestors, i.e. when making
    // the candidate the event's parent would close a cycle.
    bool would_cycle(std::int64_t event_id, std::int64_t candidate_parent_id);
    // The title's slug, or with -2, -3… appended when taken.
    std::string free_slug(std::string_view base);

    // The events that are part of `parent_id`, ordered by start then id.
    std::vector<domain::Event> children(std::int64_t parent_id);

    // Every event, ordered by start then id; streamed one at a time.
    void for_each(const std::function<void(const domain::Event&)>& visit);
    // Reads every event, telling `damaged` of each that does not read back (`db check`).
    void check_rows(const DamagedRows& damaged);

private:
    void write_lists(const domain::Event& event);
    void write_tracks(const domain::Event& event);
    void write_organisers(const domain::Event& event);
    Database& m_db;
};

}  // namespace convene::store
