#pragma once
// convene send: deliver what the ledger says each person is still owed (a REQUEST for the
// event's current state, a CANCEL after they unregistered or the event was cancelled), and
// record every message the mail system accepts at once, in its own transaction.
//
// A run killed in the middle loses at most the record of the one message in flight: the mail
// system may have taken it without the ledger knowing, so the next run sends it again. Every
// other message is sent once.
#include <cstdint>
#include <functional>
#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "convene/cli/context.hpp"
#include "convene/domain/invitation_ledger.hpp"
#include "convene/io/mail_transport.hpp"

namespace convene::app {

// One message `send` would deliver, and why.
struct PlannedMessage {
    std::string name;
    std::string email;
    domain::OwedMessage owed;
};

// What the ledger says is missing, in the stable order of the attendee list.
std::vector<PlannedMessage> plan_send(const domain::Event& event, cli::Context& context);

struct Failure {
    PlannedMessage message;
    std::string reason;
};

struct SendResult {
    std::size_t requests{0};
    std::size_t cancellations{0};
    std::vector<Failure> failures;
};

// The configured mail system: mail.smtp_url when set, else mail.sendmail.
std::unique_ptr<io::MailTransport> configured_transport(cli::Context& context);

// Sends `plan` for `event` (the event as it was planned), recording each accepted message.
// `progress` is called after each message with (done, total).
SendResult send_planned(const domain::Event& event, const std::vector<PlannedMessage>& plan,
                        std::span<const std::chrono::seconds> reminders,
                        io::MailTransport& transport, cli::Context& context,
                        const std::function<void(std::size_t, std::size_t)>& progress);

struct SendRequest {
    std::string event;  // slug or id
    bool dry_run{false};
    std::vector<std::chrono::seconds> reminders;  // a VALARM in each invitation
};

struct SendOutcome {
    domain::Event event;
    std::vector<PlannedMessage> plan;
    SendResult result;  // empty for a dry run
};

// The whole command: plan, then (unless a dry run) deliver through the configured transport.
SendOutcome send(const SendRequest& request, cli::Context& context,
                 const std::function<void(std::size_t, std::size_t)>& progress);

}  // namespace convene::app
