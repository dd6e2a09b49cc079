#include "convene/app/register.hpp"

#include <fmt/format.h>

#include "convene/app/event_write.hpp"
#include "convene/error.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

namespace {

void refuse_cancelled(const domain::Event& event) {
    if (event.status == domain::EventStatus::cancelled) {
        throw ConflictError(fmt::format("{} is cancelled: nobody can register", event.slug));
    }
}

// EventWrite with the seat counts read in the same statement as the event (one round trip
// less on PostgreSQL).
struct RegistrationWrite {
    RegistrationWrite(store::Database& db, std::string_view event_name)
        : transaction(db.write_transaction()),
          events(db),
          found(events.get_with_seats(event_name)) {}

    store::Transaction transaction;
    store::EventStore events;
    store::EventSeats found;
};

}  // namespace

domain::Checked<RegisterResult> register_person(store::Database& db, std::string_view event_name,
                                                domain::RegistrationRequest request,
                                                const RegisterOptions& options, domain::Instant now,
                                                const BeforeCommit<RegisterResult>& before_commit) {
    RegistrationWrite write(db, event_name);
    auto& event = write.found.event;
    refuse_cancelled(event);
    if (auto problem = domain::normalise(request, event)) {
        return domain::Problem{{}, std::move(*problem), {}};
    }
    store::RegistrationStore registrations(db);
    Registrar registrar(registrations, event, now, options.on_duplicate, options.no_waitlist,
                        write.found.seats);
    RegisterResult result{std::move(event), registrar.add(request)};
    if (options.dry_run || std::holds_alternative<Refusal>(result.added)) return result;
    if (before_commit) before_commit(result);
    write.transaction.commit();
    return result;
}

ImportResult register_from_file(store::Database& db, std::string_view event_name,
                                io::InputFile& input, const ImportOptions& import,
                                const RegisterOptions& options, domain::Instant now,
                                const ImportReport& report) {
    EventWrite write(db, event_name);
    refuse_cancelled(write.event);
    store::RegistrationStore registrations(db);
    Registrar registrar(registrations, write.event, now, options.on_duplicate, options.no_waitlist);
    store::RegistrationStore::Bulk bulk(registrations, write.event.id);
    auto imported = import_registrations(input, import, write.event, registrar, report);
    if (imported.refusal) return {std::move(write.event), imported.summary, imported.refusal};
    bulk.finish();
    if (!options.dry_run) write.transaction.commit();
    return {std::move(write.event), imported.summary};
}

UnregisterResult unregister(store::Database& db, std::string_view event_name, std::string_view who,
                            domain::Instant now) {
    EventWrite write(db, event_name);
    store::RegistrationStore registrations(db);
    UnregisterResult result{registrations.get(write.event.id, who), false, {}};
    if (result.registration.status == domain::RegistrationStatus::cancelled) {
        result.was_cancelled = true;
        return result;
    }
    Registrar registrar(registrations, write.event, now, OnDuplicate::error, false);
    result.promoted = registrar.cancel(result.registration);
    write.transaction.commit();
    return result;
}

CapacityFollowUp follow_capacity(store::Database& db, const domain::Event& event,
                                 domain::Instant now) {
    store::RegistrationStore registrations(db);
    Registrar registrar(registrations, event, now, OnDuplicate::error, false);
    CapacityFollowUp result;
    result.promoted = registrar.promote();
    result.registered = registrar.seats().registered();
    return result;
}

}  // namespace convene::app
