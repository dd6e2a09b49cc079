#pragma once
// The reminder ledger (sent_reminder, schema 9): which reminder e-mail (`send --reminder 1d`)
// each person has had for an event, so that `send` run again from cron sends each one once.
// People are named by domain::email_key, as in the rest of the ledger.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "convene/domain/event.hpp"
#include "convene/store/database.hpp"

namespace convene::store {

namespace sql {
class RowWriter;
}  // namespace sql

struct SentReminder {
    std::int64_t event_id{0};
    std::string email_key;
    std::string reminder;  // domain::reminder_key: "1d", "2h", "1h30m"
    std::string message_id;
    domain::Instant sent_at{};
};

class ReminderStore {
public:
    explicit ReminderStore(Database& db) : m_db(db) {}

    // The email keys of everyone who has had `reminder` for the event.
    std::unordered_set<std::string> reminded(std::int64_t event_id, std::string_view reminder);
    // Records one reminder about to be handed to the mail system, in its own transaction
    // committed before this returns: a run killed while the mail system takes it leaves it
    // counted, so that no one ever gets a reminder twice.
    void record(const SentReminder& reminder);
    // Takes back a recorded reminder that the mail system refused, so a later run sends it.
    void forget(std::int64_t event_id, std::string_view email_key, std::string_view reminder);
    // Every reminder sent for the event, in sending order, one at a time (`db copy`).
    void for_each(std::int64_t event_id, const std::function<void(const SentReminder&)>& visit);

    // Reminders written into a new event of this database inside the caller's write
    // transaction (`db copy`), the engine's fastest way (COPY on PostgreSQL). finish() writes
    // the rest.
    class Copy {
    public:
        // Into event `event_id`, whatever event the reminders were of.
        Copy(ReminderStore& store, std::int64_t event_id);
        ~Copy();
        Copy(const Copy&) = delete;
        Copy& operator=(const Copy&) = delete;
        void reminder(const SentReminder& reminder);
        void finish();

    private:
        std::int64_t m_event_id;
        std::unique_ptr<sql::RowWriter> m_rows;
    };

private:
    Database& m_db;
};

}  // namespace convene::store
