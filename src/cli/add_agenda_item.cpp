// convene add-agenda-item EVENT --title T …: append or insert an item; prints its position.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "agenda_flags.hpp"
#include "command_setup.hpp"
#include "convene/app/agenda.hpp"
#include "convene/error.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::optional<int> position;
    AgendaFlags item;
};

void run(const Options& options, Context& context) {
    if (!options.item.title) throw UsageError("an agenda item needs a title", "give --title TEXT");
    const auto change = flag_value(app::add_agenda_item(context.database(), options.event,
                                                        edit_by(options.item), options.position),
                                   "position");
    warn_about_speakers(context, options.item);
    warn(context, change.timing_warnings);
    context.out() << change.item.position << '\n';
}

}  // namespace

Runner add_add_agenda_item(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("--position", options->position,
                       "Insert at this position (1 = first); later items move down "
                       "(default: append)");
    add_agenda_flags(command, options->item, false);
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
