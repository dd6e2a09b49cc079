#pragma once
#include <string>
#include <string_view>

namespace convene::domain {

// A globally unique identifier for a new event (a random UUID, "…@convene"); it becomes the
// iCalendar UID and never changes.
std::string generate_uid();

// Whether `text` is a bare UUID ("8-4-4-4-12" hexadecimal digits, either case), as the guids of
// frab and pretalx schedules are. A session imported from a schedule keeps its guid as its
// UID, which generate_uid's "…@convene" never is.
bool is_uuid(std::string_view text);

}  // namespace convene::domain
