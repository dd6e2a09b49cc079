// convene export-ics EVENT… | --all [-o FILE]: the calendar to import or subscribe to.
#include <algorithm>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/error.hpp"
#include "convene/export/ics_feed.hpp"
#include "convene/io/output_file.hpp"
#include "convene/store/event_store.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::vector<std::string> events;
    bool all{false};
    std::string output;
};

ics::FeedEntry entry_for(domain::Event event, store::EventStore& events) {
    ics::FeedEntry entry;
    if (event.parent_id) entry.parent = events.find_by_id(*event.parent_id);
    entry.event = std::move(event);
    return entry;
}

// The events named, in the order given, each once; or every event with --all.
std::vector<ics::FeedEntry> feed_entries(const Options& options, store::EventStore& events) {
    std::vector<domain::Event> chosen;
    if (options.all) {
        events.for_each([&](const domain::Event& event) { chosen.push_back(event); });
        if (chosen.empty()) throw NotFoundError("there are no events to export", "create one with convene create-event");
    } else {
        for (const auto& name : options.events) {
            auto event = events.get(name);
            const bool seen = std::any_of(chosen.begin(), chosen.end(),
                                          [&](const domain::Event& other) { return other.id == event.id; });
            if (!seen) chosen.push_back(std::move(event));
        }
    }
    std::vector<ics::FeedEntry> entries;
    entries.reserve(chosen.size());
    for (auto& event : chosen) entries.push_back(entry_for(std::move(event), events));
    return entries;
}

void run(const Options& options, Context& context) {
    if (options.all == !options.events.empty()) {
        throw UsageError("name the events to export, or give --all", "convene export-ics EVENT… or --all");
    }
    store::EventStore events(context.database());
    const auto entries = feed_entries(options, events);
    ics::FeedOptions feed;
    feed.name = !options.all && entries.size() == 1 ? entries.front().event.title : "convene events";
    feed.stamp = context.now();

    if (options.output.empty() || options.output == "-") {
        ics::write_feed(context.out(), entries, feed);
        return;
    }
    io::OutputFile file(options.output);
    ics::write_feed(file.stream(), entries, feed);
    file.commit();
    context.note(fmt::format("wrote {} event(s) to {}", entries.size(), options.output));
}

}  // namespace

Command add_export_ics(CLI::App& app) {
    auto* command = app.add_subcommand(
        "export-ics", "Write events as an iCalendar file to import or subscribe to");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->events, "Event slugs or ids");
    command->add_flag("--all", options->all, "Export every event");
    command->add_option("-o,--output", options->output, "Write to FILE (atomically) instead of stdout");
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
