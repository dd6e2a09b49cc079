#include "convene/app/reminders.hpp"

#include "convene/domain/email.hpp"
#include "convene/error.hpp"
#include "convene/export/reminder_email.hpp"
#include "convene/store/registration_store.hpp"
#include "convene/store/reminder_store.hpp"
#include "convene/text/idna.hpp"

namespace convene::app {

ReminderPlan plan_reminders(store::Database& db, const domain::Event& event,
                            std::span<const std::chrono::seconds> before, domain::Instant now) {
    ReminderPlan plan;
    store::ReminderStore ledger(db);
    store::RegistrationStore registrations(db);
    for (const auto duration : before) {
        auto window = domain::reminder_window(event, duration, now);
        // "1d" and "24h" given together are one reminder.
        bool again = false;
        for (const auto& earlier : plan.windows) again = again || earlier.key == window.key;
        if (again) continue;
        plan.windows.push_back(window);
        if (window.state != domain::ReminderState::due) continue;
        const auto had = ledger.reminded(event.id, window.key);
        registrations.for_each(
            event.id, {.status = domain::RegistrationStatus::registered},
            [&](const domain::Registration& person) {
                if (had.count(domain::email_key(person.email))) return;
                plan.due.push_back({window.key, person.name, person.email, person.language});
            },
            store::RegistrationStore::Fields::skip);
    }
    return plan;
}

ReminderResult send_reminders(store::Database& db, const domain::Event& event,
                              const ReminderPlan& plan, const MessageSettings& settings,
                              io::MailTransport& transport,
                              const std::function<domain::Instant()>& now, Progress& progress) {
    ReminderResult result;
    store::ReminderStore ledger(db);
    const auto from = text::ascii_domain_address(settings.organiser.email);
    std::size_t done = 0;
    for (const auto& planned : plan.due) {
        const mail::ReminderEmail message(event, settings.organiser, planned.reminder,
                                          planned.language, settings.stamp);
        const ics::Person person{planned.name, planned.email};
        const auto key = domain::email_key(planned.email);
        // Recorded before the mail system gets it, as invitations are marked: a run that stops
        // in between has at worst not sent it, never sent it twice.
        ledger.record({.event_id = event.id,
                       .email_key = key,
                       .reminder = planned.reminder,
                       .message_id = message.message_id(planned.email),
                       .sent_at = now()});
        io::Delivery delivery;
        try {
            delivery = transport.deliver(from, text::ascii_domain_address(planned.email),
                                         message.to_string(person));
        } catch (const io::DeliveryInDoubt&) {
            throw;  // it may have gone out: the record stays
        } catch (const DeliveryError&) {
            ledger.forget(event.id, key, planned.reminder);  // the mail system took nothing
            throw;
        }
        if (delivery.accepted) {
            ++result.sent;
        } else {
            ledger.forget(event.id, key, planned.reminder);
            result.failures.push_back({planned, delivery.detail, delivery.permanent});
        }
        progress.update(++done);
    }
    return result;
}

}  // namespace convene::app
