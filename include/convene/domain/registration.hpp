#pragma once
// A person registered for an event (SPEC §1).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

enum class RegistrationStatus { registered, waitlisted, cancelled };

std::string_view to_string(RegistrationStatus status);
Checked<RegistrationStatus> parse_registration_status(std::string_view text);

struct Registration {
    std::int64_t id{0};
    std::int64_t event_id{0};
    std::string name;
    std::string email;  // stored as given; compared case-insensitively
    std::string organisation;
    std::string language;
    std::vector<std::pair<std::string, std::string>> fields;  // custom fields, key order kept
    RegistrationStatus status{RegistrationStatus::registered};
    Instant registered_at{};
    std::optional<Instant> checked_in_at;
    // How far this person's SEQUENCE runs ahead of the event's (invitation_ledger.hpp): one
    // step each time the registration is cancelled or taken up again. Change the status with
    // set_status() so that it follows.
    std::int64_t sequence_offset{0};
    // How long the person stayed in the event's online meeting, from its attendance report
    // (check-in --from); none when no report said.
    std::optional<std::chrono::seconds> attended;
};

// Sets the status; crossing into or out of `cancelled` moves the person's SEQUENCE one step
// ahead, so that the CANCEL (or the REQUEST after it) is newer than what they hold.
void set_status(Registration& registration, RegistrationStatus status);

}  // namespace convene::domain
