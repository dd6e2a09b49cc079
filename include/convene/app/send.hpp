#pragma once
// convene send: deliver what the ledger says each person is still owed (a REQUEST for the
// event's current state, a CANCEL after they unregistered or the event was cancelled), and
// record every message the mail system accepts at once, in its own transaction.
//
// Each message is marked as being handed over before the mail system gets it (a delivery
// attempt, store::LedgerStore). A run that stops before the ledger records it (killed, or the
// ledger write fails) leaves that mark: the next run holds the message back as in doubt
// rather than send it twice. A refusal is marked too, for now (sent again by the next run)
// or for good (held back). --retry-failed sends the held-back ones again.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "convene/app/invitation_messages.hpp"
#include "convene/app/progress.hpp"
#include "convene/app/reminders.hpp"
#include "convene/domain/invitation_ledger.hpp"
#include "convene/io/mail_transport.hpp"
#include "convene/store/database.hpp"
#include "convene/store/ledger_store.hpp"

namespace convene::app {

// One message `send` would deliver, and why.
struct PlannedMessage {
    std::string name;
    std::string email;
    domain::OwedMessage owed;
    std::string language;  // their registration's: the letter's, when convene writes it
    // The last attempt at this very message (the same METHOD and SEQUENCE), if one is marked.
    std::optional<store::DeliveryAttempt> attempt;
    // Not sent this run: in doubt or refused for good, and no --retry-failed.
    bool held_back{false};
};

// What the ledger says is missing, in the stable order of the attendee list; with
// `retry_failed`, nothing is held back.
std::vector<PlannedMessage> plan_send(store::Database& db, const domain::Event& event,
                                      bool retry_failed = false);

struct Failure {
    PlannedMessage message;
    std::string reason;
    bool permanent{false};  // the mail system will never take it (io::Delivery::permanent)
};

// A message the mail system took that the ledger could not record: the run stopped there,
// and the message stays marked as in doubt (not sent again unless retry_failed).
struct Unrecorded {
    std::string recipient;
    std::string why;
};

struct SendResult {
    std::size_t requests{0};
    std::size_t cancellations{0};
    std::vector<Failure> failures;
    std::optional<Unrecorded> unrecorded;
};

// How messages reach the mail system: an SMTP server when smtp.url is set, else the
// sendmail-compatible command (mail.* in the configuration).
struct MailSettings {
    std::string sendmail{"/usr/sbin/sendmail -t -i"};
    io::SmtpSettings smtp;
    std::chrono::seconds timeout{60};  // mail.timeout, for either
};

std::unique_ptr<io::MailTransport> make_transport(const MailSettings& settings);

// The time each accepted message is recorded with.
using Clock = std::function<domain::Instant()>;

// Sends `plan` for `event` (the event as it was planned) as e-mails (whatever
// `settings.eml` says), recording each accepted message. `progress` counts messages handed
// over, accepted or not.
SendResult send_planned(store::Database& db, const domain::Event& event,
                        const std::vector<PlannedMessage>& plan,
                        std::vector<std::chrono::seconds> reminders,
                        const MessageSettings& settings, io::MailTransport& transport,
                        const Clock& clock, Progress& progress);

struct SendRequest {
    std::string event;  // slug or id
    bool dry_run{false};
    bool retry_failed{false};                  // also what is in doubt or was refused for good
    std::vector<std::chrono::seconds> alarms;  // a VALARM in each invitation
    // The reminder e-mails to send once due (--reminder, send.reminders), each at most once
    // per person.
    std::vector<std::chrono::seconds> reminders;
    MessageSettings messages;  // the organiser sends; always e-mails
    MailSettings mail;
};

struct SendOutcome {
    domain::Event event;
    std::vector<PlannedMessage> plan;
    SendResult result;  // empty for a dry run
    ReminderPlan reminders;
    ReminderResult reminder_result;  // empty for a dry run
};

// The whole command: plan, then (unless a dry run) deliver through the configured transport:
// the invitations owed first, then the reminders due (at `clock()`).
SendOutcome send(store::Database& db, const SendRequest& request, const Clock& clock,
                 Progress& progress);

}  // namespace convene::app
