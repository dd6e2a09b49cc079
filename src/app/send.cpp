#include "convene/app/send.hpp"

#include <optional>

#include "convene/domain/email.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "convene/text/idna.hpp"

namespace convene::app {

std::vector<PlannedMessage> plan_send(store::Database& db, const domain::Event& event) {
    store::RegistrationStore registrations(db);
    const auto sent = store::LedgerStore(db).last_sent_all(event.id);
    std::vector<PlannedMessage> plan;
    registrations.for_each(
        event.id, {},
        [&](const domain::Registration& registration) {
            std::optional<domain::LastSent> last;
            if (const auto found = sent.find(domain::email_key(registration.email));
                found != sent.end()) {
                last = found->second;
            }
            if (auto owed = domain::owed_message(event, registration.status, last)) {
                plan.push_back(
                    {registration.name, registration.email, *owed, registration.language});
            }
        },
        store::RegistrationStore::Fields::skip);
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
        const ics::Person person{planned.name, planned.email};
        const auto& owed = planned.owed;
        const std::string text = messages.to_string(
            owed.method, owed.sequence, {person, planned.language, owed.new_time_or_place});
        // The envelope takes the 7-bit form of an internationalised domain, like the headers.
        const auto delivery =
            transport.deliver(text::ascii_domain_address(messages.organiser().email),
                              text::ascii_domain_address(planned.email), text);
        if (delivery.accepted) {
            ledger.record({.event_id = event.id,
                           .event_uid = event.uid,
                           .recipient = planned.email,
                           .method = owed.method,
                           .sequence = owed.sequence,
                           .event_sequence = event.sequence,
                           .message_id = messages.message_id(owed.method, owed.sequence, person),
                           .sent_at = clock(),
                           .schedule = domain::schedule_of(event)});
            ++(owed.method == domain::Itip::request ? result.requests : result.cancellations);
        } else {
            result.failures.push_back({planned, delivery.detail, delivery.permanent});
        }
        progress.update(++done);
    }
    return result;
}

SendOutcome send(store::Database& db, const SendRequest& request, const Clock& clock,
                 Progress& progress) {
    SendOutcome outcome{
        .event = store::EventStore(db).get(request.event), .plan = {}, .result = {}};
    // One run at a time per event, planned under the lock: a second `send` (another laptop
    // on the team's database) waits, then finds what the first sent in the ledger.
    std::optional<store::EventLock> sending;
    if (!request.dry_run) sending.emplace(db.lock_event(outcome.event.id, "sending invitations"));
    outcome.plan = plan_send(db, outcome.event);
    if (request.dry_run || outcome.plan.empty()) return outcome;
    auto transport = make_transport(request.mail);
    outcome.result = send_planned(db, outcome.event, outcome.plan, request.reminders,
                                  request.messages, *transport, clock, progress);
    return outcome;
}

}  // namespace convene::app
