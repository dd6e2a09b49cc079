// convene remove-agenda-item EVENT N: delete one item; the ones after it move up.
#include <memory>

#include <fmt/format.h>

#include "agenda_flags.hpp"
#include "command_setup.hpp"
#include "convene/app/agenda.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    int position{0};
};

void run(const Options& options, Context& context) {
    const auto change =
        app::remove_agenda_item(context.database(), options.event, options.position);
    context.note(fmt::format("removed item {} '{}' of {}", options.position, change.item.title,
                             change.event.slug));
}

}  // namespace

Runner add_remove_agenda_item(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("N", options->position, "Position of the item")->required();
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
