// convene unregister EVENT EMAIL|ID: cancel a registration (the record stays) and move the
// first waiting person into the seat it frees.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/register.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::string who;
};

void run(const Options& options, Context& context) {
    const auto result =
        app::unregister(context.database(), options.event, options.who, context.now());
    const auto& registration = result.registration;
    if (result.was_cancelled) {
        // Cancelling twice changes nothing; scripts may repeat themselves.
        context.note(
            fmt::format("{} (id {}) was cancelled already", registration.email, registration.id));
        return;
    }
    context.note(fmt::format("cancelled {} (id {})", registration.email, registration.id));
    for (const auto& person : result.promoted) {
        context.note(fmt::format("promoted {} <{}> (id {}) from the waiting list", person.name,
                                 person.email, person.id));
    }
}

}  // namespace

Runner add_unregister(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("WHO", options->who, "Email or registration id")->required();
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
