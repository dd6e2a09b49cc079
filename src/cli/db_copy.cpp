// convene db copy --to DATABASE [EVENT…], convene db copy --from DATABASE [EVENT…]: move
// events, with everything they hold, between a SQLite file and a team's PostgreSQL.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/database_copy.hpp"
#include "convene/error.hpp"
#include "convene/text/plural.hpp"
#include "not_empty.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string to;
    std::string from;
    std::vector<std::string> events;
};

void run(const Options& options, Context& context) {
    if (options.to.empty() == options.from.empty()) {
        throw UsageError("give --to or --from, not both",
                         "convene db copy --to postgresql://host/convene [EVENT…]");
    }
    // Copied into, the configured database may be new: a SQLite file is created then.
    auto& configured = context.database(options.from.empty() ? Context::IfMissing::refuse
                                                             : Context::IfMissing::create);
    store::Database other(options.to.empty() ? options.from : options.to,
                          context.config().lock_wait, store::Database::IfNoSchema::refuse,
                          context.config().database_timeout);
    if (other.name() == configured.name()) {
        throw UsageError(fmt::format("{} is the database convene works on already", other.name()),
                         "name another database with --to or --from");
    }
    auto& from = options.from.empty() ? configured : other;
    auto& to = options.from.empty() ? other : configured;
    const auto copied = app::copy_events(from, to, {.events = options.events});
    for (const auto& event : copied) {
        context.note(fmt::format("copied {}: {}, {}, {}", event.slug,
                                 text::count_of(event.agenda_items, "agenda item"),
                                 text::count_of(event.registrations, "registration"),
                                 text::count_of(event.messages, "message")));
    }
    if (copied.empty()) context.note(fmt::format("{} holds no event", from.name()));
}

}  // namespace

Runner add_db_copy(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("--to", options->to, "The database to copy into (a file or a URL)")
        ->check(not_empty());
    command.add_option("--from", options->from, "The database to copy from (a file or a URL)")
        ->check(not_empty());
    command.add_option("EVENT", options->events, "Slugs or ids of the events (default: all)");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
