// convene update-agenda-item EVENT N …: change the given fields of one item.
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
    int position{0};
    AgendaFlags item;
};

void run(const Options& options, Context& context) {
    app::EventWrite write(context.database(), options.event);
    auto& event = write.event;
    store::AgendaStore agenda(context.database());
    const auto before = get_item(agenda, event, options.position);
    auto item = before;
    apply_agenda_flags(options.item, item, event);
    if (item == before) {
        context.note(fmt::format("nothing to change: item {} of {} is already as given",
                                 item.position, event.slug));
        return;
    }
    agenda.update(item);
    if (domain::changes_calendar(before, item)) {
        // The item's VEVENT carries the event's SEQUENCE: raise it so calendars update.
        ++event.sequence;
        event.updated_at = context.now();
        write.events.update(event);
    }
    write.transaction.commit();
    warn_timing(context, event, agenda.list(event.id), item.position);
    context.note(fmt::format("updated item {} of {}", item.position, event.slug));
}

}  // namespace

Command add_update_agenda_item(CLI::App& app) {
    auto* command = app.add_subcommand("update-agenda-item", "Change an agenda item");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command->add_option("N", options->position, "Position of the item")->required();
    add_agenda_flags(*command, options->item, true);
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
