// convene add-agenda-item EVENT --title T …: append or insert an item; prints its position.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "agenda_flags.hpp"
#include "command_setup.hpp"
#include "convene/app/agenda.hpp"
#include "convene/error.hpp"
#include "flag_problems.hpp"
#include "not_empty.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    app::NewItem where;
    AgendaFlags item;
};

void run(const Options& options, Context& context) {
    if (!options.item.item.title && options.where.key.empty()) {
        throw UsageError("an agenda item needs a title", "give --title TEXT");
    }
    const auto print_position = [&](const app::AgendaChange& change) {
        context.out() << change.item.position << '\n';
        context.flush_output();
    };
    auto& db = context.database();
    const auto input = agenda_input(options.item);
    const auto change = flag_value(app::add_agenda_item(db, options.event, input, options.where,
                                                        context.now(), print_position),
                                   "position");
    warn_about_speakers(context, options.item);
    warn(context, change.timing_warnings);
}

}  // namespace

Runner add_add_agenda_item(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("--position", options->where.position,
                       "Insert at this position (1 = first); later items move down "
                       "(default: append)");
    command
        .add_option("--key", options->where.key,
                    "A name for the item, unique in the event: when the event has an item of "
                    "that key, it is changed instead of added again (setup scripts that run "
                    "twice)")
        ->check(not_empty());
    add_agenda_flags(command, options->item, false);
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
