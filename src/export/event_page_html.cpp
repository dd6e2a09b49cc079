// The event page as one self-contained web page: no script, no external resource, readable
// on a phone, structured for screen readers (headings, lists, <time>, lang).
#include <ostream>

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"
#include "convene/export/rich_text.hpp"
#include "convene/text/html_escape.hpp"

namespace convene::page {

namespace {

constexpr std::string_view k_style = R"css(
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a;
       background: #fff; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.actions a { display: inline-block; margin: 0.25rem 0.5rem 0.25rem 0; padding: 0.5rem 1rem;
             border: 2px solid #0b57d0; border-radius: 0.4rem; color: #0b57d0;
             text-decoration: none; font-weight: bold; }
ol.agenda > li { margin-bottom: 1rem; }
ol.agenda h3 { font-size: 1.1rem; margin: 0; }
.kind, .offset { color: #555; }
a { color: #0b57d0; }
nav.languages ul { list-style: none; padding: 0; margin: 0; display: flex; gap: 1rem; }
nav.languages a[aria-current] { font-weight: bold; text-decoration: none; color: #1a1a1a; }
@media (max-width: 30rem) {
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.5rem; }
}
)css";

// A link only for the schemes a page should offer; anything else is shown as text.
std::string link(std::string_view url, std::string_view text = {}) {
    const bool safe = url.starts_with("https://") || url.starts_with("http://") ||
                      url.starts_with("mailto:") || url.starts_with("tel:") ||
                      url.starts_with("webcal://");
    const auto shown = text::escape_html(text.empty() ? url : text);
    if (!safe) return shown;
    return fmt::format("<a href=\"{}\">{}</a>", text::escape_html(url), shown);
}

// The link to a file beside the page (its calendar, named after the page): a relative URL
// with every byte but letters, digits and "-._~" percent-encoded, so that no file name
// ("javascript:alert(1).ics", "a b#c.ics") can read as a scheme (no ':' is left), a fragment,
// a path elsewhere or markup.
std::string file_link(std::string_view name) {
    std::string url;
    for (const char c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            url += c;
        } else {
            url += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return url;
}

// ` lang="es"` for a text written in `text_locale` inside a page in `page_locale`, when they are
// different languages; "" when they are the same or the text's is not known.
std::string lang_of(std::string_view text_locale, std::string_view page_locale) {
    if (text_locale.empty() ||
        domain::supported_locale(text_locale) == domain::supported_locale(page_locale)) {
        return {};
    }
    return fmt::format(" lang=\"{}\"", text::escape_html(text_locale));
}

// Labels end with a colon (with the locale's spacing), which a <dt> does not need.
std::string bare(std::string label) {
    while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
    // A no-break space (U+00A0, UTF-8 C2 A0) before the colon in French.
    while (label.size() >= 2 && label.ends_with("\xC2\xA0")) label.resize(label.size() - 2);
    return label;
}

void fact(std::ostream& out, const l10n::Locale& locale, const char* label, std::string_view html) {
    if (html.empty()) return;
    out << "<dt>" << text::escape_html(bare(locale.tr(label))) << "</dt>\n<dd>" << html
        << "</dd>\n";
}

std::string when_html(const l10n::Locale& locale, const domain::Event& event,
                      const std::string& zone) {
    if (event.all_day) {
        return fmt::format("<time datetime=\"{}\">{}</time>", domain::format_date(event.start_date),
                           text::escape_html(when(locale, event, zone)));
    }
    const auto& tz = domain::known_zone(zone);
    return fmt::format("<time datetime=\"{}\">{}</time> <span class=\"offset\">({})</span>",
                       domain::format_iso_local(event.start, tz),
                       text::escape_html(when(locale, event, zone)),
                       locale.utc_offset(event.start, zone));
}

// A session of the programme: time and title, then where it is, who speaks, and its link.
void write_session_html(std::ostream& out, const l10n::Locale& locale, const EventPage& page,
                        const domain::Event& session) {
    out << "<li>";
    const auto time = session_time(locale, session, page.event.timezone);
    if (!time.empty()) {
        const auto start =
            session.all_day
                ? domain::format_date(session.start_date)
                : domain::format_iso_local(session.start, domain::known_zone(page.event.timezone));
        out << fmt::format("<time datetime=\"{}\">{}</time> ", start, text::escape_html(time));
    }
    const auto page_link = page.site.session_pages.find(session.id);
    // A published page lists sessions in their own language, whatever the page's.
    const auto lang =
        page.text_locale.empty() ? std::string() : lang_of(session.locale, locale.tag());
    if (page_link == page.site.session_pages.end()) {
        out << "<strong" << lang << '>' << text::escape_html(session.title) << "</strong>";
    } else {
        out << fmt::format("<strong{}><a href=\"{}\">{}</a></strong>", lang,
                           file_link(page_link->second), text::escape_html(session.title));
    }
    if (session.status != domain::EventStatus::confirmed) {
        out << " (" << text::escape_html(status_text(locale, session.status)) << ')';
    }
    const auto place = session_place(session);
    if (!place.empty())
        out << "<br>\n<span class=\"place\">" << text::escape_html(place) << "</span>";
    const auto speakers = session_speakers(locale, page, session);
    if (!speakers.empty()) {
        out << "<br>\n<span class=\"speakers\">" << text::escape_html(speakers) << "</span>";
    }
    const auto& url = session.online_url.empty() ? session.registration_url : session.online_url;
    if (!url.empty()) out << "<br>\n" << link(url);
    out << "</li>\n";
}

// A published programme's calendar of every session and its schedule for conference apps.
void write_programme_links(std::ostream& out, const l10n::Locale& locale, const SiteLinks& site) {
    if (site.programme_feed.empty() && site.schedule.empty()) return;
    out << "<p class=\"actions\">\n";
    if (!site.programme_webcal.empty()) {
        out << link(site.programme_webcal, locale.tr("Subscribe to the programme")) << '\n';
    }
    if (!site.programme_feed.empty()) {
        out << fmt::format("<a href=\"{}\" type=\"text/calendar\">{}</a>\n",
                           file_link(site.programme_feed),
                           text::escape_html(locale.tr("Programme calendar")));
    }
    if (!site.schedule.empty()) {
        out << fmt::format("<a href=\"{}\" type=\"application/xml\">{}</a>\n",
                           file_link(site.schedule),
                           text::escape_html(locale.tr("Schedule for conference apps")));
    }
    out << "</p>\n";
}

// The programme: a heading and a list per day.
void write_sessions_html(
    std::ostream& out, const l10n::Locale& locale, const EventPage& page,
    const char* heading = l10n::msg("{count, plural, one {# session} other {# sessions}}")) {
    if (page.sessions.empty()) return;
    out << "<section aria-labelledby=\"sessions\">\n<h2 id=\"sessions\">"
        << text::escape_html(
               locale.plural(heading, static_cast<std::int64_t>(page.sessions.size())))
        << "</h2>\n";
    for (const auto& day : session_days(page)) {
        out << "<h3>" << text::escape_html(locale.weekday_date(day.day))
            << "</h3>\n<ul class=\"sessions\">\n";
        for (const auto* session : day.sessions) write_session_html(out, locale, page, *session);
        out << "</ul>\n";
    }
    write_programme_links(out, locale, page.site);
    out << "</section>\n";
}

void write_item(std::ostream& out, const l10n::Locale& locale, const EventPage& page,
                const domain::AgendaItem& item) {
    out << "<li>\n<h3>";
    const auto time = item_time(locale, item, page.event);
    if (!time.empty()) {
        out << fmt::format(
            "<time datetime=\"{}\">{}</time> ",
            domain::format_iso_local(*item.start, domain::known_zone(page.event.timezone)),
            text::escape_html(time));
    }
    const auto lang = lang_of(page.text_locale, locale.tag());
    if (lang.empty()) {
        out << text::escape_html(item.title) << "</h3>\n";
    } else {
        out << "<span" << lang << '>' << text::escape_html(item.title) << "</span></h3>\n";
    }
    if (!item.kind.empty()) {
        out << "<p class=\"kind\">" << text::escape_html(locale.tr("Format:")) << ' '
            << text::escape_html(kind_text(locale, item.kind)) << "</p>\n";
    }
    if (!item.speakers.empty()) {
        out << "<ul class=\"speakers\" aria-label=\""
            << text::escape_html(bare(locale.tr("Speakers:"))) << "\">\n";
        for (const auto& speaker : item.speakers) {
            out << "<li><strong>" << text::escape_html(speaker.name) << "</strong>";
            for (const auto* part : {&speaker.role, &speaker.organisation}) {
                if (!part->empty()) out << ", " << text::escape_html(*part);
            }
            out << "</li>\n";
        }
        out << "</ul>\n";
    }
    if (!item.description.empty()) {
        if (lang.empty()) {
            out << rich::to_html(item.description, 4);
        } else {
            out << "<div" << lang << ">\n" << rich::to_html(item.description, 4) << "</div>\n";
        }
    }
    if (!item.points.empty()) {
        out << "<ul class=\"points\"" << lang << ">\n";
        for (const auto& point : item.points) {
            auto html = rich::to_html(point, 4);
            // One paragraph in a list item needs no <p>.
            if (html.starts_with("<p>") && html.ends_with("</p>\n") &&
                html.find("<p>", 3) == std::string::npos) {
                html = html.substr(3, html.size() - 8);
            }
            out << "<li>" << html << "</li>\n";
        }
        out << "</ul>\n";
    }
    out << "</li>\n";
}

// <!DOCTYPE> to <main>: the title, the inline style, and a published page's other languages
// and calendar feed for browsers and search engines.
void write_head(std::ostream& out, const l10n::Locale& locale, const std::string& title,
                const EventPage& page) {
    out << "<!DOCTYPE html>\n<html lang=\"" << text::escape_html(locale.tag()) << "\">\n<head>\n"
        << "<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << text::escape_html(title) << "</title>\n";
    for (const auto& alternate : page.site.alternates) {
        out << fmt::format("<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
                           text::escape_html(alternate.locale), file_link(alternate.href));
    }
    if (!page.site.alternates.empty() && !page.calendar_link.empty()) {
        out << fmt::format(
            "<link rel=\"alternate\" type=\"text/calendar\" title=\"{}\" href=\"{}\">\n",
            text::escape_html(title), file_link(page.calendar_link));
    }
    out << "<style>" << k_style << "</style>\n</head>\n<body>\n<main>\n";
}

// A published page's switch to its other languages, each named in its own language.
void write_language_switch(std::ostream& out, const l10n::Locale& locale, const SiteLinks& site) {
    if (site.alternates.size() < 2) return;
    out << "<nav class=\"languages\" aria-label=\"" << text::escape_html(locale.tr("Languages"))
        << "\">\n<ul>\n";
    for (const auto& alternate : site.alternates) {
        const l10n::Locale other(alternate.locale);
        out << fmt::format("<li><a href=\"{}\" hreflang=\"{}\" lang=\"{}\"{}>{}</a></li>\n",
                           file_link(alternate.href), text::escape_html(alternate.locale),
                           text::escape_html(alternate.locale),
                           alternate.locale == locale.tag() ? " aria-current=\"page\"" : "",
                           text::escape_html(other.language_name(alternate.locale)));
    }
    out << "</ul>\n</nav>\n";
}

void write_actions(std::ostream& out, const l10n::Locale& locale, const EventPage& page) {
    const auto& event = page.event;
    const bool any_action =
        !event.registration_url.empty() || !event.online_url.empty() || !page.calendar_link.empty();
    if (!any_action) return;
    out << "<p class=\"actions\">\n";
    if (!event.registration_url.empty()) {
        out << link(event.registration_url, locale.tr("Register")) << '\n';
    }
    if (!event.online_url.empty()) out << link(event.online_url, locale.tr("Join online")) << '\n';
    if (!page.site.feed_webcal.empty()) {
        out << link(page.site.feed_webcal, locale.tr("Subscribe")) << '\n';
    }
    if (!page.calendar_link.empty()) {
        out << fmt::format("<a href=\"{}\" type=\"text/calendar\">{}</a>\n",
                           page.site.feed_https.empty() ? file_link(page.calendar_link)
                                                        : text::escape_html(page.site.feed_https),
                           text::escape_html(locale.tr("Add to calendar")));
    }
    out << "</p>\n";
}

std::string parent_html(const l10n::Locale& locale, const EventPage& page) {
    const auto& parent = *page.parent;
    const auto title = page.site.parent_page.empty()
                           ? text::escape_html(parent.title)
                           : fmt::format("<a href=\"{}\">{}</a>", file_link(page.site.parent_page),
                                         text::escape_html(parent.title));
    return fmt::format("{} ({})", title, text::escape_html(when(locale, parent, parent.timezone)));
}

}  // namespace

void write_agenda_html(std::ostream& out, const EventPage& page, const l10n::Locale& locale) {
    if (page.agenda.empty()) return;
    out << "<section aria-labelledby=\"agenda\">\n<h2 id=\"agenda\">"
        << text::escape_html(locale.tr("Agenda")) << "</h2>\n<ol class=\"agenda\">\n";
    for (const auto& item : page.agenda) write_item(out, locale, page, item);
    out << "</ol>\n</section>\n";
}

void write_html(std::ostream& out, const EventPage& page) {
    const auto& event = page.event;
    const l10n::Locale locale(event.locale);
    write_head(out, locale, event.title, page);
    write_language_switch(out, locale, page.site);
    const auto lang = lang_of(page.text_locale, locale.tag());
    out << "<h1" << lang << '>' << text::escape_html(event.title) << "</h1>\n";

    out << "<dl class=\"facts\">\n";
    for (std::size_t i = 0; i < page.zones.size(); ++i) {
        if (i == 0) {
            fact(out, locale, "When:", when_html(locale, event, page.zones[i]));
        } else {
            out << "<dd>" << when_html(locale, event, page.zones[i]) << "</dd>\n";
        }
        if (event.all_day) break;
    }
    fact(out, locale, "Where:", text::escape_html(event.venue));
    if (!event.online_url.empty()) {
        fact(out, locale, "Online:", link(event.online_url));
    } else if (!event.join_url.empty()) {
        fact(out, locale, "Online:", text::escape_html(online_text(locale, event)));
    }
    if (!event.registration_url.empty()) {
        fact(out, locale, "Registration:", link(event.registration_url));
    }
    fact(out, locale,
         "Interpretation:", text::escape_html(language_names(locale, event.languages)));
    for (const auto& line : organiser_lines(locale, event)) {
        fact(out, locale, line.label, text::escape_html(line.names));
    }
    if (page.parent) fact(out, locale, "Part of:", parent_html(locale, page));
    if (event.capacity) fact(out, locale, "Capacity:", std::to_string(*event.capacity));
    fact(out, locale, "Status:", text::escape_html(status_note(locale, event.status)));
    out << "</dl>\n";
    write_actions(out, locale, page);

    if (!event.description.empty()) {
        out << "<section class=\"description\"" << lang << ">\n"
            << rich::to_html(event.description) << "</section>\n";
    }
    write_agenda_html(out, page, locale);
    write_sessions_html(out, locale, page);
    out << "</main>\n</body>\n</html>\n";
}

void write_index_html(std::ostream& out, const EventPage& page) {
    const l10n::Locale locale(page.event.locale);
    const auto title = page.event.title.empty() ? locale.tr("Events") : page.event.title;
    write_head(out, locale, title, page);
    write_language_switch(out, locale, page.site);
    out << "<h1>" << text::escape_html(title) << "</h1>\n";
    write_sessions_html(out, locale, page,
                        l10n::msg("{count, plural, one {# event} other {# events}}"));
    out << "</main>\n</body>\n</html>\n";
}

}  // namespace convene::page
