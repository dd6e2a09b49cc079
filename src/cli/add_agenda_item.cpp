// convene add-agenda-item EVENT --title T …: append or insert an item; prints its position.
#include <memory>
#include <optional>
#include <ostream>

#include "agenda_flags.hpp"
#include "command_setup.hpp"
#include "convene/app/event_write.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::optional<int> position;
    AgendaFlags item;
};

void run(const Options& options, Context& context) {
    if (!options.item.title) throw UsageError("an agenda item needs a title", "give --title TEXT");
    app::EventWrite write(context.database(), options.event);
    const auto& event = write.event;
    store::AgendaStore agenda(context.database());
    domain::AgendaItem item;
    item.event_id = event.id;
    apply_agenda_flags(options.item, item, event);
    if (options.position) {
        check_position(*options.position, agenda.count(event.id) + 1, "--position");
        item.position = *options.position;
    }
    const int position = agenda.insert(item);
    write.transaction.commit();
    warn_timing(context, event, agenda.list(event.id), position);
    context.out() << position << '\n';
}

}  // namespace

Command add_add_agenda_item(CLI::App& app) {
    auto* command = app.add_subcommand("add-agenda-item",
                                       "Add an item to an event's agenda; prints its position");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command->add_option("--position", options->position,
                        "Insert at this position (1 = first); later items move down "
                        "(default: append)");
    add_agenda_flags(*command, options->item, false);
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
