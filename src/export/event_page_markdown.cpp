// The event page as CommonMark, ready to post as it is.
#include <ostream>

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"
#include "convene/text/strings.hpp"

namespace convene::page {

namespace {

// Backslash-escapes what CommonMark would read as markup, so titles like "Q&A *live*" or
// "2. Day" print literally. Any ASCII punctuation may be escaped, so erring is harmless.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // '&' would start an entity ("&copy;"), '#' could close an ATX heading ("C #").
        const bool inline_markup = c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' ||
                                   c == ']' || c == '<' || c == '>' || c == '|' || c == '~' ||
                                   c == '!' || c == '&' || c == '#';
        const bool block_markup = line_start && (c == '+' || c == '-' || c == '=');
        if (inline_markup || block_markup) out += '\\';
        // "1. text" at the start of a line would become a list item.
        if (line_start && c >= '0' && c <= '9') {
            std::size_t j = i;
            while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
            out.append(text.substr(i, j - i));
            if (j < text.size() && (text[j] == '.' || text[j] == ')')) out += '\\';
            i = j - 1;
            line_start = false;
            continue;
        }
        out += c;
        if (c == '\n') {
            line_start = true;
        } else if (c != ' ') {
            line_start = false;
        }
    }
    return out;
}

using text::trim;

// Multi-line text as paragraphs: a blank line separates paragraphs, a single line break stays a
// line break (backslash at line end). Lines are trimmed because leading spaces could make an
// indented code block and two trailing spaces a hard break. `indent` keeps every line after the
// first inside the list item the text belongs to.
std::string paragraphs(std::string_view text, std::string_view indent = "") {
    std::string out;
    bool blank_before = false;
    while (true) {
        const auto cut = text.find('\n');
        const auto line = trim(text.substr(0, cut));
        if (line.empty()) {
            blank_before = !out.empty();
        } else {
            if (blank_before) {
                out += "\n\n";
                out += indent;
            } else if (!out.empty()) {
                out += "\\\n";
                out += indent;
            }
            out += escape(line);
            blank_before = false;
        }
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return out;
}

std::string link(std::string_view url) { return fmt::format("<{}>", url); }

}  // namespace

void write_markdown(std::ostream& out, const EventPage& page) {
    const auto& event = page.event;
    out << "# " << escape(event.title) << "\n\n";
    for (const auto& zone : page.zones) {
        out << "- **When:** " << escape(when(event, zone)) << '\n';
        if (event.all_day) break;
    }
    if (!event.venue.empty()) out << "- **Where:** " << escape(event.venue) << '\n';
    if (!event.online_url.empty()) out << "- **Online:** " << link(event.online_url) << '\n';
    if (!event.registration_url.empty()) {
        out << "- **Registration:** " << link(event.registration_url) << '\n';
    }
    if (!event.languages.empty()) {
        out << "- **Interpretation:** "
            << escape(fmt::format("{}", fmt::join(event.languages, ", "))) << '\n';
    }
    if (!event.organisers.empty()) {
        out << "- **Organisers:** " << escape(fmt::format("{}", fmt::join(event.organisers, "; ")))
            << '\n';
    }
    if (page.parent) {
        out << "- **Part of:** " << escape(page.parent->title) << " ("
            << escape(when(*page.parent, page.parent->timezone)) << ")\n";
    }
    if (event.status != domain::EventStatus::confirmed) {
        out << "- **Status:** " << domain::to_string(event.status) << '\n';
    }
    if (!trim(event.description).empty()) out << '\n' << paragraphs(event.description) << '\n';
    if (page.agenda.empty()) return;

    out << "\n## Agenda\n";
    for (const auto& item : page.agenda) {
        out << '\n';
        // Items are written as "N. " list items; their content is indented to stay inside.
        const std::string number = fmt::format("{}. ", item.position);
        const std::string indent(number.size(), ' ');
        out << number;
        if (item.start) out << item_time(item, event) << ' ';
        out << "**" << escape(trim(item.title)) << "**";
        if (!item.kind.empty()) out << " (" << item.kind << ")";
        out << '\n';
        if (!item.speakers.empty()) {
            out << '\n';
            for (const auto& speaker : item.speakers) {
                out << indent << "- " << escape(speaker_line(speaker)) << '\n';
            }
        }
        if (!trim(item.description).empty()) {
            out << '\n' << indent << paragraphs(item.description, indent) << '\n';
        }
        if (!item.points.empty()) {
            out << '\n';
            for (const auto& point : item.points) {
                out << indent << "- " << paragraphs(point, indent + "  ") << '\n';
            }
        }
    }
}

}  // namespace convene::page
