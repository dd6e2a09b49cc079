#pragma once
// What export-ics's invitations and `send` take from the configuration and the flags alike:
// the organiser who sends, the e-mail page's zones, the time stamp, and --reminder.
#include <chrono>
#include <string>
#include <vector>

#include "convene/app/invitation_messages.hpp"
#include "convene/cli/context.hpp"

namespace convene::cli {

// The organiser (a UsageError with a hint when organiser.name or .email is missing), now, and
// output.timezones for the page.
app::MessageSettings message_settings(Context& context, bool eml);

// --reminder 1d, 2h, 30m, 1h30m (repeatable): how long before the start each alarm goes off;
// without the flag, defaults.reminders from the configuration.
std::vector<std::chrono::seconds> reminders(Context& context,
                                            const std::vector<std::string>& texts);

// `texts` as durations, each checked as the value of --FLAG; `otherwise` when none is given.
std::vector<std::chrono::seconds> durations(const std::vector<std::string>& texts,
                                            std::string_view flag,
                                            const std::vector<std::chrono::seconds>& otherwise);

}  // namespace convene::cli
