// convene update-agenda-item EVENT N …: change the given fields of one item.
#include <memory>

#include <fmt/format.h>

#include "agenda_flags.hpp"
#include "command_setup.hpp"
#include "convene/app/agenda.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    int position{0};
    AgendaFlags item;
};

void run(const Options& options, Context& context) {
    auto& db = context.database();
    const auto input = agenda_input(options.item);
    const auto change = flag_value(
        app::update_agenda_item(db, options.event, options.position, input, context.now()), "");
    warn_about_speakers(context, options.item);
    if (!change.changed) {
        context.note(fmt::format("nothing to change: item {} of {} is already as given",
                                 change.item.position, change.event.slug));
        return;
    }
    warn(context, change.timing_warnings);
    context.note(fmt::format("updated item {} of {}", change.item.position, change.event.slug));
}

}  // namespace

Runner add_update_agenda_item(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("N", options->position, "Position of the item")->required();
    add_agenda_flags(command, options->item, true);
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
