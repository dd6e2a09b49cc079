#pragma once
// What one person asks for, from flags or from one row of an import, before it meets the
// database: the rules every registration obeys whatever its source.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/registration.hpp"

namespace convene::domain {

// A registration's own fields, by the names `list attendees` prints and imports read.
// No custom field may take one of these names. `waitlist_position` is derived (the place in
// the waiting list), so imports ignore it as they ignore `id`.
inline constexpr std::array<std::string_view, 9> k_registration_fields{
    "id",     "name",          "email",         "organisation",      "language",
    "status", "registered_at", "checked_in_at", "waitlist_position",
};
bool is_reserved_field_name(std::string_view key);

struct RegistrationRequest {
    std::string name{};
    std::string email{};
    // Empty optionals were not given: an update keeps what is stored.
    std::optional<std::string> organisation{};
    std::optional<std::string> language{};
    // In the order given. An empty value means "no such field": nothing is stored, and an
    // update removes the field.
    std::vector<std::pair<std::string, std::string>> fields{};
    // From an import: `cancelled` is kept as it is; for any other status the seats decide.
    std::optional<RegistrationStatus> status{};
    // From an import that restores a list; now when not given.
    std::optional<Instant> registered_at{};
    std::optional<Instant> checked_in_at{};
};

// Trims blanks around every value (a stored value never starts or ends with one, which keeps
// exports and re-imports identical), checks the email, the name, the custom field names and,
// when the event has languages, the language (matched case-insensitively, stored as the event
// spells it). Returns what is wrong, or nothing.
std::optional<std::string> normalise(RegistrationRequest& request, const Event& event);

// A language as a person gives it (trimmed, then matched to the event's languages as
// normalise() matches a registration's), as the event spells it: what `list attendees
// --language` looks for. An event without languages takes any. Returns what is wrong, or
// nothing.
std::optional<std::string> normalise_language(std::string& language, const Event& event);

// A new registration of `event_id` from a normalised request; its status is set by the caller.
Registration make_registration(const RegistrationRequest& request, std::int64_t event_id,
                               Instant now);

// `existing` with what the request gives: the name, the organisation and language when given,
// and each custom field given (replaced in place, appended when new, removed when empty).
// False when that changed nothing: an export imported again need not write the row.
bool apply_update(Registration& existing, const RegistrationRequest& request);

}  // namespace convene::domain
