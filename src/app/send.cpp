#include "convene/app/send.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "convene/app/attendee_rows.hpp"
#include "convene/domain/email.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/text/idna.hpp"

namespace convene::app {

namespace {

// Whether an attempt on record is at the very message now owed (the same METHOD and SEQUENCE):
// one at another (an earlier state of the event, a CANCEL since) says nothing about this one.
std::optional<store::DeliveryAttempt> attempt_at(
    const std::unordered_map<std::string, store::DeliveryAttempt>& attempts, const std::string& key,
    const domain::OwedMessage& owed) {
    const auto found = attempts.find(key);
    if (found == attempts.end() || found->second.method != owed.method ||
        found->second.sequence != owed.sequence) {
        return std::nullopt;
    }
    return found->second;
}

}  // namespace

std::vector<PlannedMessage> plan_send(store::Database& db, const domain::Event& event,
                                      bool retry_failed) {
    const auto attempts = store::LedgerStore(db).attempts(event.id);
    std::vector<PlannedMessage> plan;
    AttendeeRows(db, event).for_each({.last_sent = true}, [&](const domain::Attendee& attendee) {
        const auto& registration = attendee.registration;
        auto owed = domain::owed_message(event, registration, domain::last_sent_of(attendee));
        if (!owed) return;
        auto attempt = attempt_at(attempts, domain::email_key(registration.email), *owed);
        // In doubt (it may have gone out) or refused for good: not again unless asked.
        const bool held =
            !retry_failed && attempt && attempt->outcome != store::AttemptOutcome::temporary;
        plan.push_back({registration.name, registration.email, *owed, registration.language,
                        std::move(attempt), held});
    });
    return plan;
}

std::unique_ptr<io::MailTransport> make_transport(const MailSettings& settings) {
    if (!settings.smtp.url.empty()) {
        auto smtp = settings.smtp;
        smtp.timeout = settings.timeout;
        return io::make_smtp(smtp);
    }
    return io::make_sendmail(settings.sendmail, settings.timeout);
}

namespace {

// The ledger entry of a message the mail system took; why the ledger did not take it
// (another convene writing past the lock wait, a lost connection): the message stays marked
// as in doubt then. A refused write (store::RefusedWrite) is no Error: run_app weighs it with
// `db check`.
std::optional<std::string> record_sent(store::LedgerStore& ledger,
                                       const store::SentMessage& message) {
    try {
        ledger.record(message);
    } catch (const Error& error) {
        return error.what();
    }
    return std::nullopt;
}

// Hands the message over. When the mail system could not be used at all (DeliveryError),
// nothing went out and the mark made before goes; when it stopped answering after it may
// have taken the message (DeliveryInDoubt), the mark stays.
io::Delivery deliver(io::MailTransport& transport, store::LedgerStore& ledger,
                     std::int64_t event_id, const std::string& to, const std::string& from,
                     const std::string& text) {
    try {
        // The envelope takes the 7-bit form of an internationalised domain, like the headers.
        return transport.deliver(text::ascii_domain_address(from), text::ascii_domain_address(to),
                                 text);
    } catch (const io::DeliveryInDoubt&) {
        throw;
    } catch (const DeliveryError&) {
        ledger.forget_attempt(event_id, to);
        throw;
    }
}

}  // namespace

SendResult send_planned(store::Database& db, const domain::Event& event,
                        const std::vector<PlannedMessage>& plan,
                        std::vector<std::chrono::seconds> reminders,
                        const MessageSettings& settings, io::MailTransport& transport,
                        const Clock& clock, Progress& progress) {
    SendResult result;
    if (plan.empty()) return result;
    store::EventStore events(db);
    std::optional<domain::Event> parent;
    if (event.parent_id) parent = events.find_by_id(*event.parent_id);
    const auto agenda = store::AgendaStore(db).list(event.id);
    const ics::EventDetails details{
        .parent = parent ? &*parent : nullptr, .agenda = agenda, .reminders = reminders};
    MessageSettings email_settings = settings;
    email_settings.eml = true;
    InvitationMessages messages(event, details, email_settings);
    store::LedgerStore ledger(db);

    std::size_t done = 0;
    for (const auto& planned : plan) {
        if (planned.held_back) continue;
        const ics::Person person{planned.name, planned.email};
        const auto& owed = planned.owed;
        const std::string text = messages.to_string(
            owed.method, owed.sequence,
            {person, planned.language, owed.new_time_or_place, owed.previous_schedule});
        // Marked before the mail system gets it: if the run stops before the ledger records
        // it, the next run knows it may have gone out and does not send it twice.
        ledger.begin_attempt(event.id, planned.email,
                             {.method = owed.method,
                              .sequence = owed.sequence,
                              .outcome = store::AttemptOutcome::pending,
                              .reason = {},
                              .attempted_at = clock()});
        const auto delivery =
            deliver(transport, ledger, event.id, planned.email, messages.organiser().email, text);
        if (delivery.accepted) {
            if (auto why = record_sent(
                    ledger, {.event_id = event.id,
                             .event_uid = event.uid,
                             .recipient = planned.email,
                             .method = owed.method,
                             .sequence = owed.sequence,
                             .event_sequence = event.sequence,
                             .message_id = messages.message_id(owed.method, owed.sequence, person),
                             .sent_at = clock(),
                             .schedule = domain::schedule_of(event)})) {
                result.unrecorded = Unrecorded{planned.email, *std::move(why)};
                return result;  // what went out next might go unrecorded too
            }
            ++(owed.method == domain::Itip::request ? result.requests : result.cancellations);
        } else {
            ledger.record_refusal(event.id, planned.email,
                                  {.method = owed.method,
                                   .sequence = owed.sequence,
                                   .outcome = delivery.permanent ? store::AttemptOutcome::permanent
                                                                 : store::AttemptOutcome::temporary,
                                   .reason = delivery.detail,
                                   .attempted_at = clock()});
            result.failures.push_back({planned, delivery.detail, delivery.permanent});
        }
        progress.update(++done);
    }
    return result;
}

SendOutcome send(store::Database& db, const SendRequest& request, const Clock& clock,
                 Progress& progress) {
    SendOutcome outcome{.event = store::EventStore(db).get(request.event),
                        .plan = {},
                        .result = {},
                        .reminders = {},
                        .reminder_result = {}};
    // One run at a time per event, planned under the lock: a second `send` (another laptop
    // on the team's database) waits, then finds what the first sent in the ledger.
    std::optional<store::EventLock> sending;
    if (!request.dry_run) sending.emplace(db.lock_event(outcome.event.id, "sending invitations"));
    outcome.plan = plan_send(db, outcome.event, request.retry_failed);
    outcome.reminders = plan_reminders(db, outcome.event, request.reminders, clock());
    const bool any = std::any_of(outcome.plan.begin(), outcome.plan.end(),
                                 [](const PlannedMessage& planned) { return !planned.held_back; });
    if (request.dry_run || (!any && outcome.reminders.due.empty())) return outcome;
    auto transport = make_transport(request.mail);
    if (any) {
        outcome.result = send_planned(db, outcome.event, outcome.plan, request.alarms,
                                      request.messages, *transport, clock, progress);
        // A message the ledger could not record stops the run: the command says so.
        if (outcome.result.unrecorded) return outcome;
    }
    outcome.reminder_result = send_reminders(db, outcome.event, outcome.reminders, request.messages,
                                             *transport, clock, progress);
    return outcome;
}

}  // namespace convene::app
