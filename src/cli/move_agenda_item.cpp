// convene move-agenda-item EVENT N --to M: reorder; the items between shift by one.
#include <memory>

#include <fmt/format.h>

#include "agenda_flags.hpp"
#include "command_setup.hpp"
#include "convene/app/event_write.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    int from{0};
    int to{0};
};

void run(const Options& options, Context& context) {
    app::EventWrite write(context.database(), options.event);
    const auto& event = write.event;
    store::AgendaStore agenda(context.database());
    const auto item = get_item(agenda, event, options.from);
    check_position(options.to, agenda.count(event.id), "--to");
    agenda.move(event.id, options.from, options.to);
    write.transaction.commit();
    context.note(fmt::format("moved '{}' from {} to {}", item.title, options.from, options.to));
}

}  // namespace

Command add_move_agenda_item(CLI::App& app) {
    auto* command =
        app.add_subcommand("move-agenda-item", "Move an agenda item to another position");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command->add_option("N", options->from, "Position of the item")->required();
    command->add_option("--to", options->to, "Its new position")->required();
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
