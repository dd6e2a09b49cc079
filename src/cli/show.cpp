// convene show EVENT: the event page (text, markdown or json), with times in extra zones.
#include <algorithm>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/event_page.hpp"
#include "convene/export/format.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/text/suggest.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::vector<std::string> zones;
};

std::vector<std::string> page_zones(const domain::Event& event, const Options& options,
                                    Context& context) {
    std::vector<std::string> zones{event.timezone};
    auto add = [&](const std::string& zone) {
        flag_value(domain::find_zone(zone), "tz");
        if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
    };
    for (const auto& zone : options.zones) add(zone);
    for (const auto& zone : context.config().output_timezones) add(zone);
    return zones;
}

void run(const Options& options, Context& context) {
    const auto format =
        context.options().format.empty()
            ? output::PageFormat::text
            : flag_value(output::parse_page_format(context.options().format), "format");
    auto& db = context.database();
    store::EventStore events(db);
    page::EventPage page;
    page.event = events.get(options.event);
    if (page.event.parent_id) page.parent = events.find_by_id(*page.event.parent_id);
    page.agenda = store::AgendaStore(db).list(page.event.id);
    page.zones = page_zones(page.event, options, context);

    if (format == output::PageFormat::json) {
        context.out() << page::to_json(page).dump(2, ' ', false,
                                                  nlohmann::json::error_handler_t::replace)
                      << '\n';
    } else if (format == output::PageFormat::markdown) {
        page::write_markdown(context.out(), page);
    } else {
        page::write_text(context.out(), page);
    }
}

}  // namespace

Command add_show(CLI::App& app) {
    auto* command =
        app.add_subcommand("show",
                           "Print the event page: when, where, links, organisers, agenda (--format "
                           "text|markdown|json)");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command
        ->add_option("--tz,--timezone", options->zones, "Also show times in this zone (repeatable)")
        ->allow_extra_args(false);
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
