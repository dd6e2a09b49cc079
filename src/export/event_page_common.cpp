#include "convene/export/event_page.hpp"

#include "convene/domain/time.hpp"

namespace convene::page {

std::string when(const domain::Event& event, const std::string& zone) {
    if (event.all_day) return domain::format_date_range(event.start_date, event.end_date);
    return domain::format_range(event.start, event.end, domain::known_zone(zone));
}

std::string item_time(const domain::AgendaItem& item, const domain::Event& event) {
    if (!item.start) return {};
    const auto& zone = domain::known_zone(event.timezone);
    const auto [begin, end] = domain::event_bounds(event);
    const auto from = domain::to_local(*item.start, zone);
    // The last instant of the event decides whether it spans several local days.
    const bool several_days = domain::to_local(begin, zone).day !=
                              domain::to_local(end - std::chrono::seconds{1}, zone).day;
    std::string text = several_days ? domain::format_date(from.day) + " " : std::string();
    text += date::format("%R", from.time_of_day);
    if (item.duration) {
        text += "–" + date::format(
                          "%R", domain::to_local(*item.start + *item.duration, zone).time_of_day);
    }
    return text;
}

std::string speaker_line(const domain::Speaker& speaker) {
    std::string line = speaker.name;
    for (const auto* part : {&speaker.role, &speaker.organisation}) {
        if (!part->empty()) line += ", " + *part;
    }
    return line;
}

}  // namespace convene::page
