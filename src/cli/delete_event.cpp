// convene delete-event EVENT --yes: remove an event with its agenda and registrations.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_changes.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/error.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    bool yes{false};
};

void run(const Options& options, Context& context) {
    if (!options.yes) {
        const auto event = app::find_event(context.database(), options.event);
        throw UsageError(
            fmt::format("deleting {} removes its agenda and registrations for good", event.slug),
            "add --yes to confirm, or use cancel-event to keep the records");
    }
    const auto event = app::delete_event(context.database(), options.event);
    context.note(fmt::format("deleted {}", event.slug));
}

}  // namespace

Runner add_delete_event(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_flag("--yes", options->yes, "Confirm the deletion");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
