#include "convene/app/event_changes.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

CancelResult cancel_event(store::Database& db, std::string_view event_name, domain::Instant now) {
    EventWrite write(db, event_name);
    auto& event = write.event;
    if (event.status == domain::EventStatus::cancelled) return {event, true};
    event.status = domain::EventStatus::cancelled;
    ++event.sequence;
    event.updated_at = now;
    write.events.update(event);
    write.transaction.commit();
    return {event, false};
}

domain::Event delete_event(store::Database& db, std::string_view event_name) {
    EventWrite write(db, event_name);
    write.events.remove(write.event.id);
    write.transaction.commit();
    return write.event;
}

CheckInResult check_in(store::Database& db, std::string_view event_name, std::string_view who,
                       bool undo, domain::Instant now) {
    EventWrite write(db, event_name);
    store::RegistrationStore registrations(db);
    CheckInResult result{write.event, registrations.get(write.event.id, who), CheckIn::recorded};
    auto& person = result.registration;

    if (undo) {
        if (!person.checked_in_at) {
            result.outcome = CheckIn::was_not_checked;
            return result;
        }
        registrations.set_checked_in(person.id, std::nullopt);
        write.transaction.commit();
        person.checked_in_at.reset();
        result.outcome = CheckIn::cleared;
        return result;
    }
    if (person.status == domain::RegistrationStatus::cancelled) {
        throw ConflictError(fmt::format("the registration of {} is cancelled", person.email),
                            "register the person again first");
    }
    if (person.checked_in_at) {
        result.outcome = CheckIn::already;
        return result;
    }
    registrations.set_checked_in(person.id, now);
    write.transaction.commit();
    person.checked_in_at = now;
    return result;
}

}  // namespace convene::app
