// convene cancel-event EVENT: status cancelled, everything else kept (calendars get CANCEL).
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_changes.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
};

void run(const Options& options, Context& context) {
    const auto result = app::cancel_event(context.database(), options.event, context.now());
    const auto& event = result.event;
    if (result.already_cancelled) {
        context.note(fmt::format("{} is already cancelled", event.slug));
        return;
    }
    context.note(fmt::format("cancelled {} (sequence {})", event.slug, event.sequence));
}

}  // namespace

Runner add_cancel_event(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
