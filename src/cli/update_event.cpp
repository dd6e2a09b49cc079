// convene update-event EVENT …: change the given fields; SEQUENCE grows when calendars must know.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_edits.hpp"
#include "convene/text/plural.hpp"
#include "event_flags.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    domain::EventInput fields;
};

void run(const Options& options, Context& context) {
    auto input = options.fields;
    read_description(input);
    // The event has a zone of its own: the default is not used.
    const auto update = flag_value(app::update_event(context.database(), options.event, input,
                                                     event_defaults(context, false), context.now()),
                                   "");
    const auto& after = update.after;
    warn_undeclared_track(context, after);
    if (!update.changed) {
        context.note(fmt::format("nothing to change: {} is already as given (sequence {})",
                                 after.slug, after.sequence));
        return;
    }
    for (const auto& person : update.seats.promoted) {
        context.note(fmt::format("promoted {} <{}> (id {}) from the waiting list", person.name,
                                 person.email, person.id));
    }
    if (after.capacity && update.seats.registered > *after.capacity) {
        context.warn(
            fmt::format("{} people are registered, more than the capacity of {}: "
                        "nobody loses a seat; the waiting list moves again once fewer "
                        "than {} are registered",
                        update.seats.registered, *after.capacity, *after.capacity));
    }
    if (update.moved_items > 0) {
        context.note(fmt::format("moved {} with the event",
                                 text::count_of(update.moved_items, "timed agenda item")));
    }
    context.note(fmt::format("updated {} (sequence {})", after.slug, after.sequence));
}

}  // namespace

Runner add_update_event(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    add_event_flags(command, options->fields, true);
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
