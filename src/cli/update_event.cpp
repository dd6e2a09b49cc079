// convene update-event EVENT …: change the given fields; SEQUENCE grows when calendars must know.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_write.hpp"
#include "convene/app/register.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/text/plural.hpp"
#include "event_flags.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    EventFlags fields;
};

void run(const Options& options, Context& context) {
    app::EventWrite write(context.database(), options.event);
    const auto& before = write.event;
    auto after = before;
    apply_event_flags(options.fields, after, context, write.events);
    if (after.slug != before.slug && write.events.slug_taken(after.slug)) {
        throw ConflictError(fmt::format("an event with slug '{}' exists already", after.slug));
    }
    check_flags(domain::validate(after));
    if (after == before) {
        context.note(fmt::format("nothing to change: {} is already as given (sequence {})",
                                 before.slug, before.sequence));
        return;
    }
    if (domain::changes_calendar(before, after)) ++after.sequence;
    after.updated_at = context.now();
    write.events.update(after);
    // A timed agenda follows its event: a session moved by a day keeps its items in it.
    int moved_items = 0;
    if (!before.all_day && !after.all_day && after.start != before.start) {
        moved_items =
            store::AgendaStore(context.database()).move_times(after.id, after.start - before.start);
    }
    // A raised (or removed) capacity gives its new seats to the waiting list, in order; a
    // lowered one demotes nobody.
    app::CapacityFollowUp seats;
    if (after.capacity != before.capacity) {
        seats = app::follow_capacity(context.database(), after, context.now());
    }
    write.transaction.commit();
    for (const auto& person : seats.promoted) {
        context.note(fmt::format("promoted {} <{}> (id {}) from the waiting list", person.name,
                                 person.email, person.id));
    }
    if (after.capacity && seats.registered > *after.capacity) {
        context.warn(
            fmt::format("{} people are registered, more than the capacity of {}: "
                        "nobody loses a seat; the waiting list moves again once fewer "
                        "than {} are registered",
                        seats.registered, *after.capacity, *after.capacity));
    }
    if (moved_items > 0) {
        context.note(fmt::format("moved {} with the event",
                                 text::count_of(moved_items, "timed agenda item")));
    }
    context.note(fmt::format("updated {} (sequence {})", after.slug, after.sequence));
}

}  // namespace

Command add_update_event(CLI::App& app) {
    auto* command = app.add_subcommand("update-event", "Change an event's fields");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    add_event_flags(*command, options->fields, true);
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
