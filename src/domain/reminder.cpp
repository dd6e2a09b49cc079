#include "convene/domain/reminder.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"

namespace convene::domain {

std::string reminder_key(std::chrono::seconds before) {
    const auto days = std::chrono::duration_cast<date::days>(before);
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(before - days);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(before - days - hours);
    const auto rest = before - days - hours - minutes;
    std::string key;
    if (days.count() > 0) key += fmt::format("{}d", days.count());
    if (hours.count() > 0) key += fmt::format("{}h", hours.count());
    if (minutes.count() > 0) key += fmt::format("{}m", minutes.count());
    if (rest.count() > 0 || key.empty()) key += fmt::format("{}s", rest.count());
    return key;
}

Instant start_of(const Event& event) {
    if (!event.all_day) return event.start;
    const auto& zone = known_zone(event.timezone);
    return zone.to_sys(date::local_days{event.start_date.time_since_epoch()},
                       date::choose::earliest);
}

ReminderWindow reminder_window(const Event& event, std::chrono::seconds before, Instant now) {
    const auto start = start_of(event);
    ReminderWindow window{
        .key = reminder_key(before), .due_from = start - before, .state = ReminderState::not_yet};
    if (event.status == EventStatus::cancelled || now >= start) {
        window.state = ReminderState::past;
    } else if (now >= window.due_from) {
        window.state = ReminderState::due;
    }
    return window;
}

}  // namespace convene::domain
