// libFuzzer: any event the rules accept, written as an iCalendar feed, passes the byte rules
// of ICS.md 1-3: CRLF line ends, physical lines of at most 75 octets, valid UTF-8, no
// control characters, BEGIN/END around everything.
//
// The input is split at 0xFF bytes into title, description, venue, a duration and a start
// offset; an event the rules refuse is skipped.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/ics_feed.hpp"
#include "convene/text/utf8.hpp"

namespace {

std::vector<std::string> split(std::string_view data) {
    std::vector<std::string> parts;
    while (parts.size() < 5) {
        const auto cut = data.find('\xff');
        parts.emplace_back(data.substr(0, cut));
        if (cut == std::string_view::npos) break;
        data.remove_prefix(cut + 1);
    }
    parts.resize(5);
    return parts;
}

void check_bytes(const std::string& ics) {
    if (!ics.starts_with("BEGIN:VCALENDAR\r\n") || !ics.ends_with("END:VCALENDAR\r\n")) {
        std::abort();
    }
    if (!convene::text::is_valid_utf8(ics)) std::abort();
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        const auto c = static_cast<unsigned char>(ics[i]);
        if (c == '\r') {
            if (i + 1 >= ics.size() || ics[i + 1] != '\n') std::abort();  // bare CR
            if (i - line_start > 75) std::abort();
            line_start = i + 2;
            ++i;
        } else if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F) {
            std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene::domain;
    const auto parts = split(std::string_view(reinterpret_cast<const char*>(data), size));
    Event event;
    event.title = parts[0];
    event.description = parts[1];
    event.venue = parts[2];
    event.slug = "fuzz";
    event.uid = "fuzz@convene";
    event.timezone = "Europe/Paris";
    const auto start = parse_instant("2024-03-31T01:00", **find_zone(event.timezone));
    const auto offset = parse_duration(parts[4].empty() ? "0s" : parts[4]);
    const auto length = parse_duration(parts[3].empty() ? "1h" : parts[3]);
    // What the rules refuse the store never holds.
    if (!start || (!parts[4].empty() && !offset) || !length) return 0;
    event.start = *start + (parts[4].empty() ? std::chrono::seconds{0} : *offset);
    event.end = event.start + *length;
    if (validate(event)) return 0;
    std::vector<convene::ics::FeedEntry> entries{{event, std::nullopt, {}}};
    convene::ics::FeedOptions options{
        .name = event.title, .stamp = event.start, .with_agenda = false};
    std::ostringstream out;
    convene::ics::write_feed(out, entries, options);
    check_bytes(out.str());
    return 0;
}
