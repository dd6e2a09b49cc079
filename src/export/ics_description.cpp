// The DESCRIPTION texts of convene's VEVENTs. Calendar clients show DESCRIPTION as plain text
// in a narrow pane and drop every other field they do not know (CONFERENCE, RELATED-TO), so
// everything an attendee needs is repeated here as short labelled lines.
#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/event_page.hpp"

namespace convene::ics {

namespace {

// Paragraphs separated by one blank line; empty ones skipped.
void add_paragraph(std::string& out, std::string_view paragraph) {
    if (paragraph.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
}

void add_line(std::string& out, std::string_view label, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += '\n';
    out += label;
    out += value;
}

std::string clock(domain::Instant instant, const date::time_zone& zone) {
    return date::format("%R", domain::to_local(instant, zone).time_of_day);
}

// "15:00–15:30 ", "15:00 " or "" before an item's title, in the event's zone.
std::string item_time(const domain::Event& event, const domain::AgendaItem& item) {
    if (!item.start) return {};
    const auto& zone = domain::find_zone(event.timezone);
    if (!item.duration) return clock(*item.start, zone) + ' ';
    return fmt::format("{}–{} ", clock(*item.start, zone), clock(*item.start + *item.duration, zone));
}

// Speakers, description and sub-points of an item, each line starting with `indent`.
std::string item_details(const domain::AgendaItem& item, std::string_view indent) {
    std::string out;
    for (const auto& speaker : item.speakers) add_line(out, indent, page::speaker_line(speaker));
    if (!item.description.empty()) add_line(out, indent, item.description);
    for (const auto& point : item.points) add_line(out, fmt::format("{}- ", indent), point);
    return out;
}

std::string agenda(const domain::Event& event, std::span<const domain::AgendaItem> items) {
    if (items.empty()) return {};
    std::string out = "Agenda:";
    for (const auto& item : items) {
        add_line(out, "", fmt::format("{}. {}{}", item.position, item_time(event, item), item.title));
        const auto details = item_details(item, "   ");
        if (!details.empty()) add_line(out, "", details);
    }
    return out;
}

std::string facts(const domain::Event& event, const EventDetails& details) {
    std::string out;
    add_line(out, "Interpretation: ", fmt::format("{}", fmt::join(event.languages, ", ")));
    add_line(out, "Join online: ", event.online_url);
    add_line(out, "Registration: ", event.registration_url);
    add_line(out, "Organisers: ", fmt::format("{}", fmt::join(event.organisers, "; ")));
    if (details.parent) {
        add_line(out, "Part of: ",
                 fmt::format("{} ({})", details.parent->title, page::when(*details.parent, details.parent->timezone)));
    }
    return out;
}

}  // namespace

std::string event_description(const domain::Event& event, const EventDetails& details) {
    std::string out;
    if (event.status == domain::EventStatus::cancelled) add_paragraph(out, "This event is cancelled.");
    add_paragraph(out, event.description);
    add_paragraph(out, agenda(event, details.agenda));
    add_paragraph(out, facts(event, details));
    return out;
}

std::string agenda_item_description(const domain::Event& event, const domain::AgendaItem& item) {
    std::string out;
    add_paragraph(out, item_details(item, ""));
    std::string context;
    add_line(context, "Join online: ", event.online_url);
    add_line(context, "Part of: ", fmt::format("{} ({})", event.title, page::when(event, event.timezone)));
    add_paragraph(out, context);
    return out;
}

}  // namespace convene::ics
