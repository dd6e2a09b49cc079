// The event page as CommonMark, ready to post as it is. Descriptions are CommonMark already
// and are copied as written; titles and names are plain text and escaped.
#include <ostream>

#include <fmt/format.h>

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

// CommonMark as written, every line after the first indented to stay inside the list item
// it belongs to (blank lines stay empty); surrounding blank lines dropped.
std::string verbatim(std::string_view text, std::string_view indent = "") {
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        out += text[i];
        const bool next_blank = i + 1 < text.size() && text[i + 1] == '\n';
        if (text[i] == '\n' && !next_blank) out += indent;
    }
    return out;
}

std::string link(std::string_view url) { return fmt::format("<{}>", url); }

// One line per session: "- **15 h 00 – 16 h 00** Title — Salle 2 · Migration — speakers —
// <link>", the parts it has.
void write_session(std::ostream& out, const l10n::Locale& locale, const EventPage& page,
                   const domain::Event& session) {
    const auto time = session_time(locale, session, page.event.timezone);
    out << "- ";
    if (!time.empty()) out << "**" << escape(time) << "** ";
    out << escape(session.title);
    if (session.status != domain::EventStatus::confirmed) {
        out << " (" << escape(status_text(locale, session.status)) << ')';
    }
    for (const auto& part : {session_place(session), session_speakers(locale, page, session)}) {
        if (!part.empty()) out << " — " << escape(part);
    }
    const auto& url = session.online_url.empty() ? session.registration_url : session.online_url;
    if (!url.empty()) out << " — " << link(url);
    out << '\n';
}

}  // namespace

void write_markdown(std::ostream& out, const EventPage& page) {
    const auto& event = page.event;
    const l10n::Locale locale(event.locale);
    const auto field = [&](const char* label, std::string_view value) {
        if (!value.empty()) out << "- **" << escape(locale.tr(label)) << "** " << value << '\n';
    };
    out << "# " << escape(event.title) << "\n\n";
    for (const auto& zone : page.zones) {
        field("When:", escape(when(locale, event, zone)));
        if (event.all_day) break;
    }
    field("Where:", escape(event.venue));
    if (!event.online_url.empty()) {
        field("Online:", link(event.online_url));
    } else if (!event.join_url.empty()) {
        field("Online:", escape(online_text(locale, event)));
    }
    if (!event.registration_url.empty()) field("Registration:", link(event.registration_url));
    field("Interpretation:", escape(language_names(locale, event.languages)));
    for (const auto& line : page::organiser_lines(locale, event)) {
        field(line.label, escape(line.names));
    }
    if (page.parent) {
        field("Part of:", escape(fmt::format("{} ({})", page.parent->title,
                                             when(locale, *page.parent, page.parent->timezone))));
    }
    if (event.capacity) field("Capacity:", std::to_string(*event.capacity));
    field("Status:", escape(status_note(locale, event.status)));
    if (!trim(event.description).empty()) out << '\n' << verbatim(event.description) << '\n';

    if (!page.agenda.empty()) {
        out << "\n## " << escape(locale.tr("Agenda")) << '\n';
        for (const auto& item : page.agenda) {
            out << '\n';
            // Items are written as "N. " list items; their content is indented to stay inside.
            const std::string number = fmt::format("{}. ", item.position);
            const std::string indent(number.size(), ' ');
            out << number;
            const auto time = item_time(locale, item, event);
            if (!time.empty()) out << escape(time) << ' ';
            out << "**" << escape(trim(item.title)) << "**\n";
            if (!item.kind.empty()) {
                out << '\n'
                    << indent << '*' << escape(locale.tr("Format:")) << ' '
                    << escape(kind_text(locale, item.kind)) << "*\n";
            }
            if (!item.speakers.empty()) {
                out << '\n';
                for (const auto& speaker : item.speakers) {
                    out << indent << "- " << escape(speaker_line(speaker)) << '\n';
                }
            }
            if (!trim(item.description).empty()) {
                out << '\n' << indent << verbatim(item.description, indent) << '\n';
            }
            if (!item.points.empty()) {
                out << '\n';
                for (const auto& point : item.points) {
                    out << indent << "- " << verbatim(point, indent + "  ") << '\n';
                }
            }
        }
    }
    if (page.sessions.empty()) return;
    out << "\n## "
        << escape(locale.plural("{count, plural, one {# session} other {# sessions}}",
                                static_cast<std::int64_t>(page.sessions.size())))
        << '\n';
    for (const auto& day : session_days(page)) {
        out << "\n### " << escape(locale.weekday_date(day.day)) << "\n\n";
        for (const auto* session : day.sessions) write_session(out, locale, page, *session);
    }
}

}  // namespace convene::page
