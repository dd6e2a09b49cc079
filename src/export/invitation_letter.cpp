#include "convene/export/invitation_letter.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include <fmt/format.h>

#include "builtin_templates.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/event_page.hpp"
#include "convene/l10n/locale.hpp"
#include "convene/text/html_escape.hpp"
#include "convene/text/wrap.hpp"

namespace convene::mail {

namespace {

// The width of a plain-text e-mail.
constexpr std::size_t k_width = 72;

constexpr std::array<std::string_view, 12> k_placeholders{
    "greeting", "intro", "details", "agenda", "closing", "organiser",
    "name",     "title", "when",    "where",  "join",    "lang"};

}  // namespace

void check_template(std::string_view source, const std::string& name) {
    int line = 1;
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\n') ++line;
        if (source.compare(i, 2, "{{") != 0) continue;
        const auto end = source.find("}}", i + 2);
        const auto key = source.substr(i + 2, end == std::string_view::npos ? 0 : end - i - 2);
        bool known = false;
        for (const auto placeholder : k_placeholders) known = known || placeholder == key;
        if (!known) {
            throw BadInputError(
                fmt::format("{}:{}: unknown placeholder {{{{{}}}}}", name, line,
                            end == std::string_view::npos ? source.substr(i + 2, 20) : key),
                fmt::format("placeholders: {}", fmt::join(k_placeholders, ", ")));
        }
        i = end + 1;
    }
}

namespace {

// Runs of blank lines left by empty blocks become one blank line; no blank line at the ends.
std::string tidy_lines(std::string_view text) {
    std::string out;
    std::size_t newlines = 0;
    for (const char c : text) {
        if (c == '\n') {
            ++newlines;
            continue;
        }
        if (!out.empty()) out.append(std::min<std::size_t>(newlines, 2), '\n');
        newlines = 0;
        out += c;
    }
    return out + '\n';
}

// Whether the time or the dates differ from `before` (the zone too: the same instants in
// another zone are another wall-clock time).
bool new_time(const domain::Event& event, const domain::Event* before) {
    if (before == nullptr) return true;  // unknown: the change may be of the time
    if (event.all_day != before->all_day || event.timezone != before->timezone) return true;
    return event.all_day
               ? event.start_date != before->start_date || event.end_date != before->end_date
               : event.start != before->start || event.end != before->end;
}

// One local day, start to end, in its zone.
bool within_a_day(const domain::Event& event) {
    if (event.all_day) return false;
    const auto& zone = domain::known_zone(event.timezone);
    return domain::to_local(event.start, zone).day ==
           domain::to_local(event.end - std::chrono::seconds{1}, zone).day;
}

// The times alone ("16 h 00 – 17 h 00") when both are on the same day in the same zone, else
// the whole "when" of each.
std::pair<std::string, std::string> times_now_and_before(const l10n::Locale& locale,
                                                         const domain::Event& event,
                                                         const domain::Event& before) {
    const auto day = [](const domain::Event& e) {
        return domain::to_local(e.start, domain::known_zone(e.timezone)).day;
    };
    if (within_a_day(event) && within_a_day(before) && event.timezone == before.timezone &&
        day(event) == day(before)) {
        return {locale.span(event.start, &event.end, event.timezone, false),
                locale.span(before.start, &before.end, before.timezone, false)};
    }
    return {page::when(locale, event, event.timezone), page::when(locale, before, before.timezone)};
}

// What changed since the person's last invitation, a line each, in words that need no
// grammatical gender: "Nouvel horaire : 16 h 00 – 17 h 00 (auparavant 15 h 00 – 16 h 00)".
std::vector<std::string> change_lines(const l10n::Locale& locale, const domain::Event& event,
                                      const domain::Event& before) {
    std::vector<std::string> lines;
    const auto say = [&](const char* pattern, const std::string& now, const std::string& was) {
        lines.push_back(fmt::format(fmt::runtime(locale.tr(pattern)), fmt::arg("now", now),
                                    fmt::arg("was", was)));
    };
    if (new_time(event, &before)) {
        const auto [now, was] = times_now_and_before(locale, event, before);
        say(l10n::msg("New time: {now}, was {was}"), now, was);
    }
    // A place or room: new, gone, or one for another.
    const auto moved = [&](const std::string& now, const std::string& was, const char* added,
                           const char* removed, const char* replaced) {
        if (now == was) return;
        say(was.empty() ? added : now.empty() ? removed : replaced, now, was);
    };
    moved(event.venue, before.venue, l10n::msg("New place: {now}"),
          l10n::msg("No place any more, was {was}"), l10n::msg("New place: {now}, was {was}"));
    moved(event.room, before.room, l10n::msg("New room: {now}"),
          l10n::msg("No room any more, was {was}"), l10n::msg("New room: {now}, was {was}"));
    const auto& link = domain::meeting_link(event);
    if (!link.empty() && link != domain::meeting_link(before)) {
        say(l10n::msg("New link to join online: {now}"), link, "");
    }
    return lines;
}

std::string subject_for(const l10n::Locale& locale, Notice notice, const std::string& title,
                        bool time_changed) {
    const char* pattern = l10n::msg("Invitation: {title}");
    switch (notice) {
        case Notice::registered: pattern = l10n::msg("Invitation: {title}"); break;
        case Notice::changed:
            pattern = time_changed ? l10n::msg("Updated: new time: {title}")
                                   : l10n::msg("Updated: {title}");
            break;
        case Notice::event_cancelled: pattern = l10n::msg("Cancelled: {title}"); break;
        case Notice::withdrawn: pattern = l10n::msg("Registration cancelled: {title}"); break;
    }
    return fmt::format(fmt::runtime(locale.tr(pattern)), fmt::arg("title", title));
}

std::string intro_for(const l10n::Locale& locale, Notice notice, const std::string& title) {
    const char* pattern = l10n::msg("You are registered for “{title}”.");
    switch (notice) {
        case Notice::registered: pattern = l10n::msg("You are registered for “{title}”."); break;
        case Notice::changed:
            pattern = l10n::msg("“{title}” has changed. Here are the updated details.");
            break;
        case Notice::event_cancelled:
            pattern = l10n::msg("We are sorry: “{title}” is cancelled.");
            break;
        case Notice::withdrawn:
            pattern = l10n::msg("Your registration for “{title}” is cancelled.");
            break;
    }
    return fmt::format(fmt::runtime(locale.tr(pattern)), fmt::arg("title", title));
}

// The intro, plain (wrapped) and as HTML; after a change, what changed in a paragraph of its
// own, a line each.
std::pair<std::string, std::string> intro_for(const l10n::Locale& locale, Notice notice,
                                              const domain::Event& event,
                                              const domain::Event* before) {
    const auto intro = intro_for(locale, notice, event.title);
    std::pair<std::string, std::string> out{text::wrap(intro, k_width), text::escape_html(intro)};
    if (notice != Notice::changed || before == nullptr) return out;
    const auto lines = change_lines(locale, event, *before);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out.first += (i == 0 ? "\n\n" : "\n") + text::wrap(lines[i], k_width, "", "  ");
        out.second += (i == 0 ? "</p>\n<p>" : "<br>\n") + text::escape_html(lines[i]);
    }
    return out;
}

}  // namespace

Templates builtin_templates() {
    return {std::string(k_builtin_text_template), std::string(k_builtin_html_template)};
}

InvitationLetter::InvitationLetter(const domain::Event& event, const ics::EventDetails& details,
                                   const ics::Person& organiser, Notice notice,
                                   std::string_view locale_tag, Templates templates,
                                   const std::vector<std::string>& other_zones,
                                   const domain::Event* before)
    : m_locale(l10n::choose_locale(locale_tag, event.locale)), m_templates(std::move(templates)) {
    const l10n::Locale locale(m_locale);
    m_subject = subject_for(locale, notice, event.title, new_time(event, before));
    m_greeting = locale.tr("Hello {name},");
    m_anonymous_greeting = locale.tr("Hello,");
    const bool live = notice == Notice::registered || notice == Notice::changed;

    const auto when = page::when(locale, event, event.timezone);
    const auto& where = event.venue;
    const auto& join = live ? domain::meeting_link(event) : std::string();
    const auto closing = locale.tr("Best regards,");
    const auto organiser_name = organiser.name.empty() ? organiser.email : organiser.name;

    // The facts a person needs to attend, labelled; nothing that is not for them (the
    // registration link, capacity, status).
    std::vector<std::pair<std::string, std::string>> facts;
    facts.emplace_back(locale.tr("When:"), when);
    // The same time elsewhere, unlabelled under it, as the page shows it.
    for (const auto& zone : event.all_day ? std::vector<std::string>{} : other_zones) {
        if (zone != event.timezone) facts.emplace_back("", page::when(locale, event, zone));
    }
    if (!where.empty()) facts.emplace_back(locale.tr("Where:"), where);
    if (!join.empty()) facts.emplace_back(locale.tr("Join online:"), join);
    if (live && !event.languages.empty()) {
        facts.emplace_back(locale.tr("Interpretation:"),
                           page::language_names(locale, event.languages));
    }
    std::string details_text;
    std::string details_html = "<ul>\n";
    for (const auto& [label, value] : facts) {
        details_text += (label.empty() ? text::wrap(value, k_width, "  ", "  ")
                                       : text::wrap(label + ' ' + value, k_width, "", "  ")) +
                        '\n';
        const bool link = value.starts_with("https://") || value.starts_with("http://");
        const auto shown = link ? fmt::format("<a href=\"{0}\">{0}</a>", text::escape_html(value))
                                : text::escape_html(value);
        details_html += label.empty() ? fmt::format("<li>{}</li>\n", shown)
                                      : fmt::format("<li><strong>{}</strong> {}</li>\n",
                                                    text::escape_html(label), shown);
    }
    details_html += "</ul>";

    std::string agenda_text;
    std::string agenda_html;
    if (live && !details.agenda.empty()) {
        page::EventPage page;
        page.event = event;
        page.agenda.assign(details.agenda.begin(), details.agenda.end());
        page.width = k_width;
        std::ostringstream text_out;
        page::write_agenda_text(text_out, page, locale);
        agenda_text = std::move(text_out).str();
        std::ostringstream html_out;
        page::write_agenda_html(html_out, page, locale);
        agenda_html = std::move(html_out).str();
    }

    const auto [intro_text, intro_html] = intro_for(locale, notice, event, before);

    m_text_values = {{"intro", intro_text},
                     {"details", details_text},
                     {"agenda", agenda_text},
                     {"closing", closing},
                     {"organiser", organiser_name},
                     {"title", event.title},
                     {"when", when},
                     {"where", where},
                     {"join", join},
                     {"lang", m_locale}};
    m_html_values = {{"intro", intro_html},
                     {"details", details_html},
                     {"agenda", agenda_html},
                     {"closing", text::escape_html(closing)},
                     {"organiser", text::escape_html(organiser_name)},
                     {"title", text::escape_html(event.title)},
                     {"when", text::escape_html(when)},
                     {"where", text::escape_html(where)},
                     {"join", text::escape_html(join)},
                     {"lang", m_locale}};
}

std::string InvitationLetter::fill(const std::string& source, const ics::Person& attendee,
                                   bool html) const {
    const std::string& name = attendee.name;
    const std::string greeting =
        name.empty() ? m_anonymous_greeting
                     : fmt::format(fmt::runtime(m_greeting), fmt::arg("name", name));
    const auto& values = html ? m_html_values : m_text_values;
    std::string out;
    out.reserve(source.size() * 2);
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (source.compare(i, 2, "{{") == 0) {
            const auto end = source.find("}}", i + 2);
            if (end != std::string::npos) {
                const auto key = std::string_view(source).substr(i + 2, end - i - 2);
                if (key == "greeting") {
                    out += html ? text::escape_html(greeting) : greeting;
                } else if (key == "name") {
                    out += html ? text::escape_html(name) : name;
                } else {
                    for (const auto& [placeholder, value] : values) {
                        if (placeholder == key) out += value;
                    }
                }
                i = end + 1;
                continue;
            }
        }
        out += source[i];
    }
    return html ? out : tidy_lines(out);
}

std::string InvitationLetter::text(const ics::Person& attendee) const {
    return fill(m_templates.text, attendee, false);
}

std::string InvitationLetter::html(const ics::Person& attendee) const {
    return fill(m_templates.html, attendee, true);
}

}  // namespace convene::mail
