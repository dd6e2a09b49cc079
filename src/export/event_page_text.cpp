// The event page as plain text for a terminal.
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"

namespace convene::page {

namespace {

constexpr int k_label_width = 16;

void field(std::ostream& out, std::string_view label, std::string_view value) {
    if (value.empty()) return;
    fmt::print(out, "{:<{}}{}\n", label.empty() ? "" : fmt::format("{}:", label), k_label_width,
               value);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    return fmt::format("{}", fmt::join(items, separator));
}

// Continuation lines of a multi-line value line up under its first line.
void indented(std::ostream& out, std::string_view text, std::string_view indent) {
    std::string_view rest = text;
    bool first = true;
    while (true) {
        const auto cut = rest.find('\n');
        out << (first ? "" : indent) << rest.substr(0, cut) << '\n';
        first = false;
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
    }
}

void write_agenda(std::ostream& out, const EventPage& page) {
    if (page.agenda.empty()) return;
    out << "\nAgenda\n\n";
    for (const auto& item : page.agenda) {
        std::string heading = item.start ? fmt::format("{}. {}  {}", item.position,
                                                       item_time(item, page.event), item.title)
                                         : fmt::format("{}. {}", item.position, item.title);
        if (!item.kind.empty()) heading += fmt::format(" ({})", item.kind);
        out << heading << '\n';
        for (const auto& speaker : item.speakers) out << "   - " << speaker_line(speaker) << '\n';
        if (!item.description.empty()) {
            out << "   ";
            indented(out, item.description, "   ");
        }
        for (const auto& point : item.points) {
            out << "   * ";
            indented(out, point, "     ");
        }
    }
}

}  // namespace

void write_text(std::ostream& out, const EventPage& page) {
    const auto& event = page.event;
    out << event.title << '\n'
        << std::string(std::min<std::size_t>(event.title.size(), 72), '=') << "\n\n";
    bool first = true;
    for (const auto& zone : page.zones) {
        field(out, first ? "When" : "", when(event, zone));
        first = false;
        if (event.all_day) break;
    }
    if (!event.venue.empty()) field(out, "Where", event.venue);
    if (!event.online_url.empty()) field(out, "Online", event.online_url);
    field(out, "Registration", event.registration_url);
    field(out, "Interpretation", join(event.languages, ", "));
    field(out, "Organisers", join(event.organisers, "; "));
    if (page.parent) {
        field(
            out, "Part of",
            fmt::format("{} ({})", page.parent->title, when(*page.parent, page.parent->timezone)));
    }
    if (event.capacity) field(out, "Capacity", std::to_string(*event.capacity));
    field(out, "Status", domain::to_string(event.status));
    if (!event.description.empty()) {
        out << '\n';
        indented(out, event.description, "");
    }
    write_agenda(out, page);
}

}  // namespace convene::page
