#pragma once
#include <string>

namespace convene::domain {

// A globally unique identifier for a new event (a random UUID, "…@convene"); it becomes the
// iCalendar UID and never changes.
std::string generate_uid();

}  // namespace convene::domain
