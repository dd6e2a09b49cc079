// convene publish EVENT… DIR (or --all DIR): the events' static site, in every language of
// their pages, written to DIR file by file only where something changed.
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_setup.hpp"
#include "convene/app/publish.hpp"
#include "convene/domain/event.hpp"
#include "convene/error.hpp"
#include "convene/io/site_folder.hpp"
#include "convene/text/plural.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::vector<std::string> words;  // EVENT… DIR
    bool all{false};
    std::string base_url;
    std::vector<std::string> events;  // from words
    std::string folder;
};

app::PublishOptions publish_options(const Options& options, Context& context) {
    app::PublishOptions publish;
    if (!options.base_url.empty() && !domain::is_url(options.base_url)) {
        throw UsageError(fmt::format("--base-url: '{}' is not a URL", options.base_url),
                         "give the address the site is served at, e.g. "
                         "https://example.org/forum");
    }
    publish.base_url = options.base_url;
    const auto& config = context.config();
    publish.day_change = config.day_change;
    publish.zones = config.output_timezones;
    publish.reminders = config.default_reminders;
    publish.publisher = config.organiser_name;
    if (const auto epoch = context.env("SOURCE_DATE_EPOCH"); epoch && !epoch->empty()) {
        publish.stamp = context.now();
    }
    return publish;
}

void run(Options options, Context& context) {
    options.folder = options.words.back();
    options.words.pop_back();
    options.events = std::move(options.words);
    if (options.all == !options.events.empty()) {
        throw UsageError("name the events to publish, or give --all",
                         "convene publish EVENT… DIR, or convene publish --all DIR");
    }
    const auto site = app::publish_site(context.database(), options.events, options.all,
                                        publish_options(options, context));
    const auto counts = io::sync_site(options.folder, site.files);
    context.note(fmt::format(
        "published {} in {} to {}: {} written, {} unchanged{}",
        text::count_of(site.events, "event"), fmt::join(site.locales, ", "), options.folder,
        text::count_of(counts.written, "file"), counts.unchanged,
        counts.removed == 0 ? std::string() : fmt::format(", {} removed", counts.removed)));
}

}  // namespace

Runner add_publish(CLI::App& command) {
    auto options = std::make_shared<Options>();
    // One list, split in run(): CLI11 gives a list positional every word, leaving DIR none.
    command
        .add_option("EVENT… DIR", options->words,
                    "Event slugs or ids (a parent brings its sessions), then the folder of the "
                    "site (created if missing)")
        ->required();
    command.add_flag("--all", options->all, "Publish every event");
    command.add_option("--base-url", options->base_url,
                       "Where DIR is served (https://example.org/forum): pages then offer "
                       "webcal: subscriptions, and schedules link each talk's page");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
