#include "convene/app/send.hpp"

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
                plan.push_back({registration.name, registration.email, *owed, registration.language,
                                registration.status});
            }
        },
        store::RegistrationStore::Fields::skip);
    return plan;
}

namespace {

// Claims a planned message before it goes out: under the write lock, the ledger is read again
// and the message recorded only if it is still owed. A second `send` running at the same
// moment (another laptop on the team's database) finds it claimed and skips it, so nobody
// gets a message twice. Empty when someone else sent it meanwhile.
std::optional<std::int64_t> claim(store::Database& db, store::LedgerStore& ledger,
                                  const domain::Event& event, const PlannedMessage& planned,
                                  const store::SentMessage& message) {
    auto transaction = db.write_transaction();
    const auto still_owed =
        domain::owed_message(event, planned.status, ledger.last_sent(event.id, planned.email));
    if (!still_owed || still_owed->method != planned.owed.method ||
        still_owed->sequence != planned.owed.sequence) {
        return std::nullopt;
    }
    const auto id = ledger.insert(message);
    transaction.commit();
    return id;
}

// A claimed message that did not go out is owed again: the claim is taken back unless kept,
// also when the mail system fails with an error.
class Claim {
public:
    Claim(store::LedgerStore& ledger, std::int64_t id) : m_ledger(ledger), m_id(id) {}
    ~Claim() {
        if (m_kept) return;
        try {
            m_ledger.remove(m_id);
        } catch (...) {
            // The database is gone too; the error that brought us here is the one to report.
        }
    }
    Claim(const Claim&) = delete;
    Claim& operator=(const Claim&) = delete;
    void keep() { m_kept = true; }

private:
    store::LedgerStore& m_ledger;
    std::int64_t m_id;
    bool m_kept{false};
};

}  // namespace

std::unique_ptr<io::MailTransport> make_transport(const MailSettings& settings) {
    if (!settings.smtp.url.empty()) return io::make_smtp(settings.smtp);
    return io::make_sendmail(settings.sendmail);
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
        const auto claimed =
            claim(db, ledger, event, planned,
                  {.event_id = event.id,
                   .event_uid = event.uid,
                   .recipient = planned.email,
                   .method = owed.method,
                   .sequence = owed.sequence,
                   .event_sequence = event.sequence,
                   .message_id = messages.message_id(owed.method, owed.sequence, person),
                   .sent_at = clock(),
                   .schedule = domain::schedule_of(event)});
        progress.update(++done);
        if (!claimed) continue;
        Claim claim_held(ledger, *claimed);
        const std::string text = messages.to_string(
            owed.method, owed.sequence, {person, planned.language, owed.new_time_or_place});
        // The envelope takes the 7-bit form of an internationalised domain, like the headers.
        const auto delivery =
            transport.deliver(text::ascii_domain_address(messages.organiser().email),
                              text::ascii_domain_address(planned.email), text);
        if (delivery.accepted) {
            claim_held.keep();
            ++(owed.method == domain::Itip::request ? result.requests : result.cancellations);
        } else {
            result.failures.push_back({planned, delivery.detail});
        }
    }
    return result;
}

SendOutcome send(store::Database& db, const SendRequest& request, const Clock& clock,
                 Progress& progress) {
    SendOutcome outcome{
        .event = store::EventStore(db).get(request.event), .plan = {}, .result = {}};
    outcome.plan = plan_send(db, outcome.event);
    if (request.dry_run || outcome.plan.empty()) return outcome;
    auto transport = make_transport(request.mail);
    outcome.result = send_planned(db, outcome.event, outcome.plan, request.reminders,
                                  request.messages, *transport, clock, progress);
    return outcome;
}

}  // namespace convene::app
