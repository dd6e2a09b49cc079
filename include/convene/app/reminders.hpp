#pragma once
// Reminder e-mails, the part of `send` that `--reminder 1d` and send.reminders ask for: once
// the event starts within the reminder's duration from now, each registered person (not the
// waiting list, not a cancelled registration) who has not had that reminder gets it, once.
// The reminder ledger (store::ReminderStore) records each the mail system accepted, at once,
// in its own transaction: a rerun sends nothing new. A refusal is not recorded, so the next
// run tries again while the reminder is due.
#include <chrono>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "convene/app/invitation_messages.hpp"
#include "convene/app/progress.hpp"
#include "convene/domain/reminder.hpp"
#include "convene/io/mail_transport.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct PlannedReminder {
    std::string reminder;  // domain::reminder_key
    std::string name;
    std::string email;
    std::string language;  // their registration's: the reminder's, when convene writes it
};

struct ReminderPlan {
    std::vector<domain::ReminderWindow> windows;  // one per reminder asked for, in order
    std::vector<PlannedReminder> due;             // what this run sends
};

// The reminders `before` call for at `now`: each window, and who is owed a due one.
ReminderPlan plan_reminders(store::Database& db, const domain::Event& event,
                            std::span<const std::chrono::seconds> before, domain::Instant now);

struct ReminderFailure {
    PlannedReminder reminder;
    std::string reason;
    bool permanent{false};
};

struct ReminderResult {
    std::size_t sent{0};
    std::vector<ReminderFailure> failures;
};

// Sends plan.due through `transport` from settings.organiser, dated settings.stamp, and
// records each accepted one with the time `now()` gives.
ReminderResult send_reminders(store::Database& db, const domain::Event& event,
                              const ReminderPlan& plan, const MessageSettings& settings,
                              io::MailTransport& transport,
                              const std::function<domain::Instant()>& now, Progress& progress);

}  // namespace convene::app
