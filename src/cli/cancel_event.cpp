// convene cancel-event EVENT: status cancelled, everything else kept (calendars get CANCEL).
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_write.hpp"
#include "convene/store/event_store.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
};

void run(const Options& options, Context& context) {
    app::EventWrite write(context.database(), options.event);
    auto& event = write.event;
    if (event.status == domain::EventStatus::cancelled) {
        context.note(fmt::format("{} is already cancelled", event.slug));
        return;
    }
    event.status = domain::EventStatus::cancelled;
    ++event.sequence;
    event.updated_at = context.now();
    write.events.update(event);
    write.transaction.commit();
    context.note(fmt::format("cancelled {} (sequence {})", event.slug, event.sequence));
}

}  // namespace

Command add_cancel_event(CLI::App& app) {
    auto* command = app.add_subcommand(
        "cancel-event", "Cancel an event (kept, with status cancelled and a higher sequence)");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
