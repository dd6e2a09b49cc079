#pragma once
// `convene publish EVENT… DIR`: a static site made from the database, in memory, for
// io::sync_site to write. For each language of the events' pages (domain::page_locales) a page
// per event (a single published event, or the parent of the others, is the index), a feed per
// event with its agenda, one for the whole programme, and a parent's frab schedule. Nothing
// private: pages and feeds are the public ones of `show` and `export-ics`.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/io/site_folder.hpp"
#include "convene/store/database.hpp"

namespace convene::app {

struct PublishOptions {
    std::string base_url;  // where the site is served ("" for relative links only)
    std::chrono::seconds day_change{std::chrono::hours{4}};
    std::vector<std::string> zones;               // output.timezones, after the event's
    std::vector<std::chrono::seconds> reminders;  // the feeds' alarms, as export-ics
    std::string publisher;                        // organiser.name, to name feeds
    // DTSTAMP of the feeds: SOURCE_DATE_EPOCH when set; else each feed's latest change, so
    // that the same database always publishes the same bytes.
    std::optional<domain::Instant> stamp;
};

struct Site {
    std::vector<io::SiteFile> files;   // in a fixed order
    std::vector<std::string> locales;  // the languages of its pages
    std::size_t events{0};
};

// The events `names` names with their sessions (each once), or with `all` every event; none is
// a NotFoundError.
Site publish_site(store::Database& db, const std::vector<std::string>& names, bool all,
                  const PublishOptions& options);

}  // namespace convene::app
