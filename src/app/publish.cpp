#include "convene/app/publish.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "convene/app/event_reads.hpp"
#include "convene/error.hpp"
#include "convene/export/event_page.hpp"
#include "convene/export/frab_schedule.hpp"
#include "convene/export/ics_feed.hpp"
#include "convene/store/event_store.hpp"

namespace convene::app {

namespace {

// The chosen events, then every session under them, each once, in that order.
std::vector<EventView> published_views(store::Database& db, const std::vector<std::string>& names,
                                       bool all) {
    std::vector<std::string> slugs;
    if (all) {
        store::EventStore(db).for_each(
            [&](const domain::Event& event) { slugs.push_back(event.slug); });
        if (slugs.empty()) {
            throw NotFoundError("there are no events to publish",
                                "create one with convene create-event");
        }
    } else {
        for (const auto& name : names) slugs.push_back(find_event(db, name).slug);
    }
    std::vector<EventView> views;
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < slugs.size(); ++i) {  // grows with the sessions found
        auto view = event_view(db, slugs[i]);
        if (!seen.insert(view.event.id).second) continue;
        for (const auto& session : view.sessions) slugs.push_back(session.slug);
        views.push_back(std::move(view));
    }
    return views;
}

// How the files of the site are named. An event's page is SLUG.LANG.html, except the one event
// that is the index (the only published event not part of another); with several such
// events, index.LANG.html lists them. Slugs hold no '.', so SLUG.ics, SLUG.schedule.xml and
// SLUG.programme.ics never meet another event's files.
class SiteNames {
public:
    SiteNames(const std::vector<const EventView*>& tops)
        : m_index_event(tops.size() == 1 ? tops.front()->event.id : -1),
          m_programme(tops.size() == 1 ? tops.front()->event.slug + ".programme.ics"
                                       : "index.programme.ics") {}

    bool has_index_list() const { return m_index_event < 0; }
    static std::string index(const std::string& locale) {
        return "index." + domain::supported_locale(locale) + ".html";
    }
    std::string page(const domain::Event& event, const std::string& locale) const {
        if (event.id == m_index_event) return index(locale);
        return event.slug + "." + domain::supported_locale(locale) + ".html";
    }
    static std::string feed(const domain::Event& event) { return event.slug + ".ics"; }
    static std::string schedule(const domain::Event& event, const char* extension) {
        return event.slug + ".schedule." + extension;
    }
    const std::string& programme() const { return m_programme; }

private:
    std::int64_t m_index_event;
    std::string m_programme;
};

// An event's page in a language of the site: in its own locale when that is the language (its
// region kept, "fr-CA"), else in the site's.
std::string locale_for(const domain::Event& event, const std::string& site_locale) {
    const auto same =
        domain::supported_locale(event.locale) == domain::supported_locale(site_locale);
    return same ? event.locale : site_locale;
}

// The languages of the pages: each published event's page_locales, one per language, in
// order (the chosen events come first): a session interpreted in English gets English pages,
// and so does the rest of the site, so that every page links to the same languages.
std::vector<std::string> site_locales(const std::vector<EventView>& views) {
    std::vector<std::string> locales;
    for (const auto& view : views) {
        for (auto& locale : domain::page_locales(view.event)) {
            const auto same = [&](const std::string& known) {
                return domain::supported_locale(known) == domain::supported_locale(locale);
            };
            if (std::none_of(locales.begin(), locales.end(), same)) locales.push_back(locale);
        }
    }
    return locales;
}

// https://example.org/forum/NAME and webcal://example.org/forum/NAME for a published file.
struct Addresses {
    std::string https;
    std::string webcal;
};
Addresses addresses(const std::string& base_url, const std::string& name) {
    if (base_url.empty()) return {};
    auto base = base_url;
    while (base.ends_with('/')) base.pop_back();
    const auto host = base.find("://");
    return {base + "/" + name,
            host == std::string::npos ? std::string() : "webcal" + base.substr(host) + "/" + name};
}

struct SiteContext {
    const PublishOptions& options;
    const SiteNames& names;
    const std::vector<std::string>& locales;
    const std::set<std::int64_t>& published;
    const std::set<std::int64_t>& tops;
};

page::SiteLinks site_links(const SiteContext& site, const EventView& view,
                           const std::string& locale) {
    page::SiteLinks links;
    for (const auto& other : site.locales) {
        links.alternates.push_back(
            {locale_for(view.event, other), site.names.page(view.event, other)});
    }
    const auto feed = addresses(site.options.base_url, SiteNames::feed(view.event));
    links.feed_https = feed.https;
    links.feed_webcal = feed.webcal;
    if (!view.sessions.empty()) {
        links.schedule = SiteNames::schedule(view.event, "xml");
        if (site.tops.contains(view.event.id)) {
            links.programme_feed = site.names.programme();
            links.programme_webcal = addresses(site.options.base_url, links.programme_feed).webcal;
        }
    }
    if (view.parent && site.published.contains(view.parent->id)) {
        links.parent_page = site.names.page(*view.parent, locale);
    }
    for (const auto& session : view.sessions) {
        links.session_pages[session.id] = site.names.page(session, locale);
    }
    return links;
}

std::vector<std::string> page_zones(const domain::Event& event, const PublishOptions& options) {
    std::vector<std::string> zones{event.timezone};
    for (const auto& zone : options.zones) {
        if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
    }
    return zones;
}

std::string event_page(const SiteContext& site, const EventView& view, const std::string& locale) {
    page::EventPage page;
    page.event = view.event;
    page.event.locale = locale_for(view.event, locale);
    page.parent = view.parent;
    page.agenda = view.agenda;
    page.sessions = view.sessions;
    page.session_speakers = view.session_speakers;
    page.zones = page_zones(view.event, site.options);
    page.day_change = site.options.day_change;
    page.calendar_link = SiteNames::feed(view.event);
    page.site = site_links(site, view, locale);
    page.text_locale = view.event.locale;
    std::ostringstream out;
    page::write_html(out, page);
    return std::move(out).str();
}

// The page listing several top events, titled as their programme feed is named.
std::string index_page(const SiteContext& site, const std::vector<const EventView*>& tops,
                       const std::string& title, const std::string& locale) {
    page::EventPage page;
    page.event = tops.front()->event;  // its zone and times anchor the days
    page.event.title = title;          // "" is named by write_index_html
    page.event.locale = locale;
    for (const auto* top : tops) {
        page.sessions.push_back(top->event);
        page.site.session_pages[top->event.id] = site.names.page(top->event, locale);
    }
    page.text_locale = locale;  // each event's title is then marked with its own language
    std::stable_sort(page.sessions.begin(), page.sessions.end(),
                     [](const domain::Event& a, const domain::Event& b) {
                         return domain::event_bounds(a).first < domain::event_bounds(b).first;
                     });
    page.day_change = site.options.day_change;
    for (const auto& other : site.locales) {
        page.site.alternates.push_back({other, SiteNames::index(other)});
    }
    page.site.programme_feed = site.names.programme();
    page.site.programme_webcal = addresses(site.options.base_url, page.site.programme_feed).webcal;
    std::ostringstream out;
    page::write_index_html(out, page);
    return std::move(out).str();
}

ics::FeedEntry feed_entry(const EventView& view) { return {view.event, view.parent, view.agenda}; }

std::string feed(std::span<const ics::FeedEntry> entries, const std::string& name,
                 const PublishOptions& options) {
    ics::FeedOptions feed;
    feed.name = name;
    feed.with_agenda = true;
    feed.reminders = options.reminders;
    if (options.stamp) {
        feed.stamp = *options.stamp;
    } else {
        for (const auto& entry : entries) feed.stamp = std::max(feed.stamp, entry.event.updated_at);
    }
    std::ostringstream out;
    ics::write_feed(out, entries, feed);
    return std::move(out).str();
}

// The schedule of a parent, from the sessions' agendas already read (as event_schedule reads
// them for export-schedule).
void add_schedule(Site& site, const std::vector<EventView>& views, const EventView& view,
                  const PublishOptions& options, const std::string& first_locale) {
    frab::Publishing publishing;
    publishing.base_url = options.base_url;
    publishing.page_extension = fmt::format(".{}.html", domain::supported_locale(first_locale));
    publishing.day_change = options.day_change;
    std::map<std::int64_t, std::vector<domain::AgendaItem>> items;
    for (const auto& session : views) {
        if (session.event.parent_id == view.event.id) items[session.event.id] = session.agenda;
    }
    const auto schedule = frab::from_sessions(view.event, view.sessions, items, publishing);
    std::ostringstream xml;
    frab::write_xml(xml, schedule);
    site.files.push_back({SiteNames::schedule(view.event, "xml"), std::move(xml).str()});
    site.files.push_back(
        {SiteNames::schedule(view.event, "json"),
         frab::to_json(schedule).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
             '\n'});
}

// Two files of one name would overwrite each other: an event whose slug is "index" beside an
// index list is the only way.
void check_names_unique(const Site& site) {
    std::set<std::string_view> names;
    for (const auto& file : site.files) {
        if (!names.insert(file.name).second) {
            throw UsageError(fmt::format("two published files would be named {}", file.name),
                             "give the event another slug (convene update-event --slug)");
        }
    }
}

}  // namespace

Site publish_site(store::Database& db, const std::vector<std::string>& names, bool all,
                  const PublishOptions& options) {
    const auto views = published_views(db, names, all);
    std::set<std::int64_t> published;
    for (const auto& view : views) published.insert(view.event.id);
    std::vector<const EventView*> tops;
    std::set<std::int64_t> top_ids;
    for (const auto& view : views) {
        if (!view.event.parent_id || !published.contains(*view.event.parent_id)) {
            tops.push_back(&view);
            top_ids.insert(view.event.id);
        }
    }
    Site site;
    site.events = views.size();
    site.locales = site_locales(views);
    const SiteNames site_names(tops);
    const SiteContext context{options, site_names, site.locales, published, top_ids};

    std::vector<ics::FeedEntry> programme;
    for (const auto& view : views) programme.push_back(feed_entry(view));
    const auto programme_name = ics::feed_name(programme, options.publisher);
    for (const auto& locale : site.locales) {
        if (site_names.has_index_list()) {
            site.files.push_back(
                {SiteNames::index(locale), index_page(context, tops, programme_name, locale)});
        }
        for (const auto& view : views) {
            site.files.push_back(
                {site_names.page(view.event, locale), event_page(context, view, locale)});
        }
    }
    for (std::size_t i = 0; i < views.size(); ++i) {
        site.files.push_back({SiteNames::feed(views[i].event),
                              feed(std::span(&programme[i], 1), views[i].event.title, options)});
    }
    site.files.push_back({site_names.programme(), feed(programme, programme_name, options)});
    for (const auto& view : views) {
        if (!view.sessions.empty()) add_schedule(site, views, view, options, site.locales.front());
    }
    check_names_unique(site);
    return site;
}

}  // namespace convene::app
