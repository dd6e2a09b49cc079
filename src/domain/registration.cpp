#include "convene/domain/registration.hpp"

#include <fmt/format.h>

namespace convene::domain {

std::string_view to_string(RegistrationStatus status) {
    switch (status) {
        case RegistrationStatus::registered: return "registered";
        case RegistrationStatus::waitlisted: return "waitlisted";
        case RegistrationStatus::cancelled: return "cancelled";
    }
    return "registered";
}

Checked<RegistrationStatus> parse_registration_status(std::string_view text) {
    for (auto status : {RegistrationStatus::registered, RegistrationStatus::waitlisted,
                        RegistrationStatus::cancelled}) {
        if (text == to_string(status)) return status;
    }
    return Problem{"status", fmt::format("unknown registration status '{}'", text),
                   "use registered, waitlisted or cancelled"};
}

void set_status(Registration& registration, RegistrationStatus status) {
    const auto cancelled = RegistrationStatus::cancelled;
    if ((registration.status == cancelled) != (status == cancelled)) {
        ++registration.sequence_offset;
    }
    registration.status = status;
}

}  // namespace convene::domain
