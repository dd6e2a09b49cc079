#pragma once
// The registration workflows behind `register` and `unregister`: each opens the one write
// transaction, loads the event and goes through the Registrar, so seats and the waiting list
// follow the same rules whether people come one by one or by the thousand.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "convene/app/before_commit.hpp"
#include "convene/app/progress.hpp"
#include "convene/app/registrar.hpp"
#include "convene/app/registration_import.hpp"
#include "convene/domain/problem.hpp"
#include "convene/io/input.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct RegisterOptions {
    OnDuplicate on_duplicate{OnDuplicate::error};
    bool no_waitlist{false};
    // Check everything against the database, then roll back.
    bool dry_run{false};
};

struct RegisterResult {
    domain::Event event;
    std::variant<Outcome, Refusal> added;  // a Refusal: nothing was written
};

// One person. A request the domain refuses (a bad email, a language the event does not offer)
// comes back as a problem for the caller to word, a duplicate or a full event without waiting
// list as a Refusal; a cancelled event is a ConflictError. `before_commit` sees only an added
// person.
domain::Checked<RegisterResult> register_person(
    store::Database& db, std::string_view event_name, domain::RegistrationRequest request,
    const RegisterOptions& options, domain::Instant now,
    const BeforeCommit<RegisterResult>& before_commit = {});

struct ImportResult {
    domain::Event event;
    ImportSummary summary;
    // Why nothing was written (the caller words it); else every good row is.
    std::optional<ImportRefusal> refusal{};
};

// Everyone in a CSV or JSON Lines file, in one transaction: all rows or none (see
// import_registrations for what a bad row does).
ImportResult register_from_file(store::Database& db, std::string_view event_name,
                                io::InputFile& input, const ImportOptions& import,
                                const RegisterOptions& options, domain::Instant now,
                                const ImportReport& report);

struct UnregisterResult {
    domain::Registration registration;  // as it was before
    bool was_cancelled{false};          // cancelling twice changes nothing
    std::vector<domain::Registration> promoted;
};

UnregisterResult unregister(store::Database& db, std::string_view event_name, std::string_view who,
                            domain::Instant now);

// After an event's capacity changed, inside the caller's write transaction: raised (or
// removed), its new seats go to the waiting list in order; lowered, nobody loses a seat.
struct CapacityFollowUp {
    std::vector<domain::Registration> promoted;  // in the order they waited
    std::int64_t registered{0};                  // registered now, promoted included
};
CapacityFollowUp follow_capacity(store::Database& db, const domain::Event& event,
                                 domain::Instant now);

}  // namespace convene::app
