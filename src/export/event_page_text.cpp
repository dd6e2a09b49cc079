// The event page as plain text for a terminal or a plain-text e-mail.
#include <algorithm>
#include <ostream>
#include <utility>

#include <fmt/format.h>

#include "convene/export/event_page.hpp"
#include "convene/export/rich_text.hpp"
#include "convene/text/utf8.hpp"
#include "convene/text/wrap.hpp"

namespace convene::page {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

// "Label:  value" lines, values lined up after the widest label, long values wrapped under
// themselves.
void write_fields(std::ostream& out, const Fields& fields, std::size_t width) {
    std::size_t label_width = 0;
    for (const auto& [label, value] : fields) {
        label_width = std::max(label_width, text::display_width(label) + 1);
    }
    const std::string hang(label_width, ' ');
    for (const auto& [label, value] : fields) {
        std::string head = label;
        head.append(label_width - text::display_width(label), ' ');
        out << text::wrap_lines(value, width, head, hang) << '\n';
    }
}

}  // namespace

void write_agenda_text(std::ostream& out, const EventPage& page, const l10n::Locale& locale) {
    if (page.agenda.empty()) return;
    out << locale.tr("Agenda") << "\n\n";
    for (const auto& item : page.agenda) {
        const auto time = item_time(locale, item, page.event);
        const std::string number = fmt::format("{}. ", item.position);
        const std::string indent(number.size(), ' ');
        const std::string heading = time.empty() ? item.title : time + "  " + item.title;
        out << text::wrap(heading, page.width, number, indent) << '\n';
        // The kind on a line of its own: after the title it read as part of it.
        if (!item.kind.empty()) {
            out << indent << locale.tr("Format:") << ' ' << kind_text(locale, item.kind) << '\n';
        }
        for (const auto& speaker : item.speakers) {
            out << text::wrap(speaker_line(speaker), page.width, indent + "- ", indent + "  ")
                << '\n';
        }
        if (!item.description.empty()) {
            out << text::wrap_lines(rich::to_plain(item.description), page.width, indent, indent)
                << '\n';
        }
        for (const auto& point : item.points) {
            out << text::wrap_lines(rich::to_plain(point), page.width, indent + "* ", indent + "  ")
                << '\n';
        }
    }
}

namespace {

// The programme: a heading per day, then each session's time and title, where it is, who
// speaks, and its link.
void write_sessions(std::ostream& out, const EventPage& page, const l10n::Locale& locale) {
    if (page.sessions.empty()) return;
    out << '\n'
        << locale.plural("{count, plural, one {# session} other {# sessions}}",
                         static_cast<std::int64_t>(page.sessions.size()))
        << '\n';
    const auto& zone = page.event.timezone;
    for (const auto& day : session_days(page)) {
        out << '\n' << locale.weekday_date(day.day) << "\n\n";
        for (const auto* session : day.sessions) {
            const auto time = session_time(locale, *session, zone);
            std::string heading = time.empty() ? session->title : time + " " + session->title;
            if (session->status != domain::EventStatus::confirmed) {
                heading += " (" + status_text(locale, session->status) + ")";
            }
            out << text::wrap(heading, page.width, "- ", "  ") << '\n';
            for (const auto& line :
                 {session_place(*session), session_speakers(locale, page, *session)}) {
                if (!line.empty()) out << text::wrap(line, page.width, "  ", "  ") << '\n';
            }
            const auto& link =
                session->online_url.empty() ? session->registration_url : session->online_url;
            if (!link.empty()) out << "  " << link << '\n';
        }
    }
}

}  // namespace

void write_text(std::ostream& out, const EventPage& page) {
    const auto& event = page.event;
    const l10n::Locale locale(event.locale);
    const auto title = text::wrap(event.title, page.width);
    std::size_t underline = 0;
    for (std::size_t begin = 0; begin <= title.size();) {
        const auto end = std::min(title.find('\n', begin), title.size());
        const auto line = std::string_view(title).substr(begin, end - begin);
        underline = std::max(underline, text::display_width(line));
        begin = end + 1;
    }
    out << title << '\n' << std::string(underline, '=') << "\n\n";

    Fields fields;
    const auto add = [&](const char* label, std::string value) {
        if (!value.empty()) fields.emplace_back(locale.tr(label), std::move(value));
    };
    for (std::size_t i = 0; i < page.zones.size(); ++i) {
        fields.emplace_back(i == 0 ? locale.tr("When:") : std::string(),
                            when(locale, event, page.zones[i]));
        if (event.all_day) break;
    }
    add("Where:", event.venue);
    add("Online:", online_text(locale, event));
    add("Registration:", event.registration_url);
    add("Interpretation:", language_names(locale, event.languages));
    for (auto& line : organiser_lines(locale, event)) add(line.label, std::move(line.names));
    if (page.parent) {
        add("Part of:", fmt::format("{} ({})", page.parent->title,
                                    when(locale, *page.parent, page.parent->timezone)));
    }
    if (event.capacity) add("Capacity:", std::to_string(*event.capacity));
    add("Status:", status_note(locale, event.status));
    write_fields(out, fields, page.width);

    if (!event.description.empty()) {
        const auto description = rich::to_plain(event.description);
        if (!description.empty()) out << '\n' << text::wrap_lines(description, page.width) << '\n';
    }
    if (!page.agenda.empty()) {
        out << '\n';
        write_agenda_text(out, page, locale);
    }
    write_sessions(out, page, locale);
}

}  // namespace convene::page
