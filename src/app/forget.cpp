#include "convene/app/forget.hpp"

#include <fmt/format.h>

#include "convene/app/registrar.hpp"
#include "convene/error.hpp"
#include "convene/store/erasure.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

namespace {

Erased erase(store::Database& db, store::RegistrationStore& registrations,
             const domain::Event& event, const domain::Registration& registration,
             domain::Instant now) {
    Erased erased{event.slug, registration.id, registration.fields.size(), {}};
    // Cancelling first frees the seat the way unregister does; the row goes right after.
    Registrar registrar(registrations, event, now, OnDuplicate::error, false);
    erased.promoted = registrar.cancel(registration);
    store::erase_registration(db, registration.id);
    return erased;
}

}  // namespace

std::vector<Erased> forget(store::Database& db, const ForgetRequest& request, domain::Instant now,
                           const BeforeCommit<std::vector<Erased>>& before_commit) {
    store::EventStore events(db);
    store::RegistrationStore registrations(db);
    std::vector<Erased> erased;
    {
        auto transaction = db.write_transaction();
        if (request.event) {
            const auto event = events.get(*request.event);
            erased.push_back(
                erase(db, registrations, event, registrations.get(event.id, request.email), now));
        } else {
            for (const auto event_id : store::events_with_registration(db, request.email)) {
                const auto event = events.get(std::to_string(event_id));
                const auto registration = registrations.find_by_email(event.id, request.email);
                if (registration) {
                    erased.push_back(erase(db, registrations, event, *registration, now));
                }
            }
            if (erased.empty()) {
                throw NotFoundError(
                    fmt::format("no registration for '{}' in any event", request.email));
            }
        }
        if (before_commit) before_commit(erased);
        transaction.commit();
    }
    store::scrub(db);
    return erased;
}

}  // namespace convene::app
