// convene move-agenda-item EVENT N --to M: reorder; the items between shift by one.
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
    int from{0};
    int to{0};
};

void run(const Options& options, Context& context) {
    const auto change = flag_value(
        app::move_agenda_item(context.database(), options.event, options.from, options.to), "to");
    context.note(
        fmt::format("moved '{}' from {} to {}", change.item.title, options.from, options.to));
}

}  // namespace

Runner add_move_agenda_item(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("N", options->from, "Position of the item")->required();
    command.add_option("--to", options->to, "Its new position")->required();
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
