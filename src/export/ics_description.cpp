// The DESCRIPTION texts of convene's VEVENTs. Calendar clients show DESCRIPTION as plain text
// in a narrow pane and drop every other field they do not know (CONFERENCE, RELATED-TO), so
// everything an attendee needs is repeated here as short labelled lines, in the event's (or
// the attendee's) language. Clients wrap lines themselves.
#include <fmt/format.h>

#include "convene/export/event_ics.hpp"
#include "convene/export/event_page.hpp"
#include "convene/export/rich_text.hpp"

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

// "Label: " with the locale's spacing before the colon.
std::string label(const l10n::Locale& locale, const char* message) {
    return locale.tr(message) + ' ';
}

// Every line of `text` after the first starts with `indent`.
std::string indented(std::string_view text, std::string_view indent) {
    std::string out;
    for (const char c : text) {
        out += c;
        if (c == '\n') out += indent;
    }
    return out;
}

// Speakers, description and sub-points of an item, each line starting with `indent`.
std::string item_details(const l10n::Locale& locale, const domain::AgendaItem& item,
                         std::string_view indent) {
    std::string out;
    if (!item.kind.empty()) {
        add_line(out, indent, label(locale, "Format:") + page::kind_text(locale, item.kind));
    }
    for (const auto& speaker : item.speakers) add_line(out, indent, page::speaker_line(speaker));
    if (!item.description.empty()) {
        add_line(out, indent, indented(rich::to_plain(item.description), indent));
    }
    for (const auto& point : item.points) {
        add_line(out, fmt::format("{}- ", indent),
                 indented(rich::to_plain(point), std::string(indent) + "  "));
    }
    return out;
}

std::string agenda(const l10n::Locale& locale, const domain::Event& event,
                   std::span<const domain::AgendaItem> items) {
    if (items.empty()) return {};
    std::string out = locale.tr("Agenda:");
    for (const auto& item : items) {
        const auto time = page::item_time(locale, item, event);
        add_line(
            out, "",
            fmt::format("{}. {}{}{}", item.position, time, time.empty() ? "" : " ", item.title));
        const auto details = item_details(locale, item, "   ");
        if (!details.empty()) add_line(out, "", details);
    }
    return out;
}

std::string facts(const l10n::Locale& locale, const domain::Event& event,
                  const EventDetails& details, Audience audience) {
    std::string out;
    add_line(out, label(locale, "Interpretation:"), page::language_names(locale, event.languages));
    if (audience == Audience::invitee) {
        add_line(out, label(locale, "Join online:"), domain::meeting_link(event));
    } else if (domain::has_private_link_only(event)) {
        add_line(out, "", locale.tr("Online"));  // the link goes to registered people only
    } else {
        add_line(out, label(locale, "Join online:"), event.online_url);
    }
    if (audience == Audience::public_feed) {
        add_line(out, label(locale, "Registration:"), event.registration_url);
    }
    for (const auto& line : page::organiser_lines(locale, event)) {
        add_line(out, label(locale, line.label), line.names);
    }
    if (details.parent) {
        add_line(out, label(locale, "Part of:"),
                 fmt::format("{} ({})", details.parent->title,
                             page::when(locale, *details.parent, details.parent->timezone)));
    }
    return out;
}

}  // namespace

std::string event_description(const domain::Event& event, const EventDetails& details,
                              Audience audience) {
    const l10n::Locale locale(details.locale.empty() ? event.locale : details.locale);
    std::string out;
    if (event.status == domain::EventStatus::cancelled) {
        add_paragraph(out, locale.tr("This event is cancelled."));
    }
    add_paragraph(out, rich::to_plain(event.description));
    add_paragraph(out, agenda(locale, event, details.agenda));
    add_paragraph(out, facts(locale, event, details, audience));
    return out;
}

std::string agenda_item_description(const domain::Event& event, const domain::AgendaItem& item) {
    const l10n::Locale locale(event.locale);
    std::string out;
    add_paragraph(out, item_details(locale, item, ""));
    std::string context;
    add_line(context, label(locale, "Join online:"), event.online_url);
    add_line(context, label(locale, "Part of:"),
             fmt::format("{} ({})", event.title, page::when(locale, event, event.timezone)));
    add_paragraph(out, context);
    return out;
}

}  // namespace convene::ics
