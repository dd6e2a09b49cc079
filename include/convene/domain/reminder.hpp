#pragma once
// Reminder e-mails (`send --reminder 1d`, send.reminders): when each is due for an event. A
// reminder goes out once the event starts within its duration from now, and not after the
// start; the ledger (sent_reminder) names it by its key, so "24h" and "1d" are one reminder.
#include <chrono>
#include <string>

#include "convene/domain/event.hpp"

namespace convene::domain {

// The duration in its shortest words: "1d", "2h", "1h30m", "45s".
std::string reminder_key(std::chrono::seconds before);

// When the event begins: its start, or midnight of its first day in its zone when all-day.
Instant start_of(const Event& event);

enum class ReminderState {
    not_yet,  // due from `due_from`, later than now
    due,      // the event starts within the duration: send to whoever has not had it
    past,     // the event has started (or is cancelled): too late for this reminder
};

struct ReminderWindow {
    std::string key;
    Instant due_from{};
    ReminderState state{ReminderState::not_yet};
};

ReminderWindow reminder_window(const Event& event, std::chrono::seconds before, Instant now);

}  // namespace convene::domain
