#include "convene/app/send.hpp"

#include "convene/app/invitation_messages.hpp"
#include "convene/domain/email.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

std::vector<PlannedMessage> plan_send(const domain::Event& event, cli::Context& context) {
    store::RegistrationStore registrations(context.database());
    store::LedgerStore ledger(context.database());
    const auto sent = ledger.last_sent_all(event.id);
    std::vector<PlannedMessage> plan;
    registrations.for_each(event.id, {}, [&](const domain::Registration& registration) {
        std::optional<domain::LastSent> last;
        if (const auto found = sent.find(domain::email_key(registration.email));
            found != sent.end()) {
            last = found->second;
        }
        if (auto owed = domain::owed_message(event, registration.status, last)) {
            plan.push_back({registration.name, registration.email, *owed});
        }
    });
    return plan;
}

std::unique_ptr<io::MailTransport> configured_transport(cli::Context& context) {
    const auto& config = context.config();
    if (!config.mail_smtp_url.empty()) {
        return io::make_smtp({.url = config.mail_smtp_url,
                              .user = config.mail_smtp_user,
                              .password = config.mail_smtp_password});
    }
    return io::make_sendmail(config.mail_sendmail);
}

SendResult send_planned(const domain::Event& event, const std::vector<PlannedMessage>& plan,
                        std::span<const std::chrono::seconds> reminders,
                        io::MailTransport& transport, cli::Context& context,
                        const std::function<void(std::size_t, std::size_t)>& progress) {
    SendResult result;
    if (plan.empty()) return result;
    store::EventStore events(context.database());
    store::AgendaStore agendas(context.database());
    std::optional<domain::Event> parent;
    if (event.parent_id) parent = events.find_by_id(*event.parent_id);
    const auto agenda = agendas.list(event.id);
    const ics::EventDetails details{
        .parent = parent ? &*parent : nullptr, .agenda = agenda, .reminders = reminders};
    InvitationMessages messages(event, details, context, true);
    store::LedgerStore ledger(context.database());

    std::size_t done = 0;
    for (const auto& planned : plan) {
        const ics::Person person{planned.name, planned.email};
        const auto& owed = planned.owed;
        const std::string text = messages.to_string(owed.method, owed.sequence, person);
        const auto delivery = transport.deliver(messages.organiser().email, planned.email, text);
        if (delivery.accepted) {
            ledger.record({.event_id = event.id,
                           .event_uid = event.uid,
                           .recipient = planned.email,
                           .method = owed.method,
                           .sequence = owed.sequence,
                           .event_sequence = event.sequence,
                           .message_id = messages.message_id(owed.method, owed.sequence, person),
                           .sent_at = context.now()});
            ++(owed.method == domain::Itip::request ? result.requests : result.cancellations);
        } else {
            result.failures.push_back({planned, delivery.detail});
        }
        progress(++done, plan.size());
    }
    return result;
}

SendOutcome send(const SendRequest& request, cli::Context& context,
                 const std::function<void(std::size_t, std::size_t)>& progress) {
    store::EventStore events(context.database());
    SendOutcome outcome{.event = events.get(request.event), .plan = {}, .result = {}};
    configured_organiser(context);  // before anything else: nothing can go out without it
    outcome.plan = plan_send(outcome.event, context);
    if (request.dry_run || outcome.plan.empty()) return outcome;
    auto transport = configured_transport(context);
    outcome.result = send_planned(outcome.event, outcome.plan, request.reminders, *transport,
                                  context, progress);
    return outcome;
}

}  // namespace convene::app
