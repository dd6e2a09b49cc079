#include "convene/store/reminder_store.hpp"

#include "row_writer.hpp"
#include "sql.hpp"
#include "stored_time.hpp"

namespace convene::store {

std::unordered_set<std::string> ReminderStore::reminded(std::int64_t event_id,
                                                        std::string_view reminder) {
    auto query = m_db.connection().prepare(
        "SELECT email_key FROM sent_reminder WHERE event_id = ? AND reminder = ?");
    query->bind(1, event_id);
    query->bind(2, reminder);
    std::unordered_set<std::string> keys;
    while (query->step()) keys.insert(query->string(0));
    return keys;
}

void ReminderStore::record(const SentReminder& reminder) {
    auto transaction = m_db.write_transaction();
    // Already there: another run recorded the same reminder; one row says it went out.
    auto insert = m_db.connection().prepare(R"sql(
        INSERT INTO sent_reminder (event_id, email_key, reminder, message_id, sent_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, email_key, reminder) DO NOTHING)sql");
    insert->bind(1, reminder.event_id);
    insert->bind(2, reminder.email_key);
    insert->bind(3, reminder.reminder);
    insert->bind(4, reminder.message_id);
    insert->bind(5, seconds(reminder.sent_at));
    insert->run();
    transaction.commit();
}

void ReminderStore::forget(std::int64_t event_id, std::string_view email_key,
                           std::string_view reminder) {
    auto transaction = m_db.write_transaction();
    auto remove = m_db.connection().prepare(R"sql(
        DELETE FROM sent_reminder WHERE event_id = ? AND email_key = ? AND reminder = ?)sql");
    remove->bind(1, event_id);
    remove->bind(2, email_key);
    remove->bind(3, reminder);
    remove->run();
    transaction.commit();
}

void ReminderStore::for_each(std::int64_t event_id,
                             const std::function<void(const SentReminder&)>& visit) {
    auto query = m_db.connection().prepare_streamed(R"sql(
        SELECT email_key, reminder, message_id, sent_at FROM sent_reminder
        WHERE event_id = ? ORDER BY sent_at, email_key, reminder)sql");
    query->bind(1, event_id);
    while (query->step()) {
        visit({.event_id = event_id,
               .email_key = query->string(0),
               .reminder = query->string(1),
               .message_id = query->string(2),
               .sent_at = instant_column("sent_reminder", *query, 3)});
    }
}

ReminderStore::Copy::Copy(ReminderStore& store, std::int64_t event_id)
    : m_event_id(event_id),
      m_rows(store.m_db.connection().row_writer(
          "sent_reminder", "event_id, email_key, reminder, message_id, sent_at", 5)) {}

ReminderStore::Copy::~Copy() = default;

void ReminderStore::Copy::reminder(const SentReminder& reminder) {
    m_rows->value(m_event_id);
    m_rows->value(reminder.email_key);
    m_rows->value(reminder.reminder);
    m_rows->value(reminder.message_id);
    m_rows->value(seconds(reminder.sent_at));
    m_rows->end_row();
}

void ReminderStore::Copy::finish() { m_rows->finish(); }

}  // namespace convene::store
