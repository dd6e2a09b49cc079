#pragma once
// Erasing a person (a data-protection request): their registrations, custom fields included,
// are deleted, not cancelled, and the database file keeps no copy of them. A seat they held
// goes to the first person on the waiting list, as when they unregister.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convene/app/before_commit.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/registration.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct ForgetRequest {
    std::string email;                 // or a registration id when `event` is given
    std::optional<std::string> event;  // slug or id; every event when absent
};

struct Erased {
    std::string event_slug;
    std::int64_t registration_id{0};
    std::size_t custom_fields{0};
    std::vector<domain::Registration> promoted;  // moved from the waiting list into the seat
};

// Deletes in one transaction, then scrubs the file. NotFoundError when nothing matches.
std::vector<Erased> forget(store::Database& db, const ForgetRequest& request, domain::Instant now,
                           const BeforeCommit<std::vector<Erased>>& before_commit = {});

}  // namespace convene::app
