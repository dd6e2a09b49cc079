#pragma once
// A person registered for an event (SPEC §1).
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
};

}  // namespace convene::domain
