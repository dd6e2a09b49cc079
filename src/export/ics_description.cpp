// The DESCRIPTION texts of convene's VEVENTs. Calendar clients show DESCRIPTION as plain text
// in a narrow pane and drop every other field they do not know (CONFERENCE, RELATED-TO), so
// everything an attendee needs is repeated here as short labelled lines.
#include <fmt/format.h>

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
        const auto time = page::item_time(item, event);
        add_line(
            out, "",
            fmt::format("{}. {}{}{}", item.position, time, time.empty() ? "" : " ", item.title));
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
                 fmt::format("{} ({})", details.parent->title,
                             page::when(*details.parent, details.parent->timezone)));
    }
    return out;
}

}  // namespace

std::string event_description(const domain::Event& event, const EventDetails& details) {
    std::string out;
    if (event.status == domain::EventStatus::cancelled) {
        add_paragraph(out, "This event is cancelled.");
    }
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
    add_line(context,
             "Part of: ", fmt::format("{} ({})", event.title, page::when(event, event.timezone)));
    add_paragraph(out, context);
    return out;
}

}  // namespace convene::ics
