#pragma once
// The event page that `convene show` prints: everything an announcement says, in text,
// Markdown or JSON. Writers only: the data comes from the store.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"

namespace convene::page {

struct EventPage {
    domain::Event event;
    std::optional<domain::Event> parent;
    std::vector<domain::AgendaItem> agenda;
    // Zones to show times in: the event's own first, then --tz and output.timezones.
    std::vector<std::string> zones;
};

void write_text(std::ostream& out, const EventPage& page);
void write_markdown(std::ostream& out, const EventPage& page);
nlohmann::json to_json(const EventPage& page);

// "2022-04-13 15:00–16:00 CEST" for a timed event in `zone`, the date range for an all-day one.
std::string when(const domain::Event& event, const std::string& zone);
// An item's time in the event's zone: "15:00–15:20", "15:00" without a duration, the date first
// ("2022-04-12 09:00–10:30") when the event spans several days; "" for an untimed item.
std::string item_time(const domain::AgendaItem& item, const domain::Event& event);
// "Name, Role, Organisation", skipping empty parts.
std::string speaker_line(const domain::Speaker& speaker);

}  // namespace convene::page
