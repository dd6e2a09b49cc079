// convene create-event: a new event from flags; prints its slug for EVENT=$(convene create-event …)
#include <memory>
#include <ostream>

#include "command_setup.hpp"
#include "convene/domain/uid.hpp"
#include "convene/error.hpp"
#include "convene/store/event_store.hpp"
#include "event_flags.hpp"

namespace convene::cli {

namespace {

struct Options {
    EventFlags event;
};

void run(const Options& options, Context& context) {
    if (!options.event.title) {
        throw UsageError("an event needs a title", "give --title TEXT");
    }
    auto& db = context.database();
    store::EventStore events(db);
    auto transaction = db.write_transaction();

    domain::Event event;
    apply_event_flags(options.event, event, context, events);
    if (!options.event.slug) event.slug = events.free_slug(domain::slugify(event.title));
    event.uid = domain::generate_uid();
    event.created_at = event.updated_at = context.now();
    domain::validate(event);
    events.insert(event);
    transaction.commit();
    context.out() << event.slug << '\n';
}

}  // namespace

Command add_create_event(CLI::App& app) {
    auto* command = app.add_subcommand("create-event", "Create an event; prints its slug");
    auto options = std::make_shared<Options>();
    add_event_flags(*command, options->event, false);
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
