#include "convene/export/event_page.hpp"

#include "convene/domain/time.hpp"

namespace convene::page {

std::string when(const domain::Event& event, const std::string& zone) {
    if (event.all_day) return domain::format_date_range(event.start_date, event.end_date);
    return domain::format_range(event.start, event.end, domain::find_zone(zone));
}

std::string speaker_line(const domain::Speaker& speaker) {
    std::string line = speaker.name;
    for (const auto* part : {&speaker.role, &speaker.organisation}) {
        if (!part->empty()) line += ", " + *part;
    }
    return line;
}

}  // namespace convene::page
