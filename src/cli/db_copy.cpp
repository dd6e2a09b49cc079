// convene db copy --to DATABASE [EVENT…], convene db copy --from DATABASE [EVENT…]: move
// events, with everything they hold, between a SQLite file and a team's PostgreSQL.
#include <filesystem>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/database_copy.hpp"
#include "convene/error.hpp"
#include "convene/store/database.hpp"
#include "convene/text/plural.hpp"
#include "not_empty.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string to;
    std::string from;
    std::vector<std::string> events;
};

// Two names of one SQLite file ("./convene.db", "convene.db", a link to it) are the same
// database; URLs are compared by the names the store gives them.
bool same_file(const std::string& a, const std::string& b) {
    if (store::is_postgres_url(a) || store::is_postgres_url(b)) return false;
    std::error_code error;
    return std::filesystem::equivalent(a, b, error) && !error;
}

void run(const Options& options, Context& context) {
    if (options.to.empty() == options.from.empty()) {
        throw UsageError("give --to or --from, not both",
                         "convene db copy --to postgresql://host/convene [EVENT…]");
    }
    // Copied into, the configured database may be new: a SQLite file is created then.
    auto& configured = context.database(options.from.empty() ? Context::IfMissing::refuse
                                                             : Context::IfMissing::create);
    const auto& other_name = options.to.empty() ? options.from : options.to;
    const auto in_use = [&](const std::string& name) {
        return UsageError(fmt::format("{} is the database convene works on already", name),
                          "name another database with --to or --from");
    };
    if (same_file(other_name, context.config().database_path.string())) throw in_use(other_name);
    store::Database other(other_name, context.config().lock_wait,
                          store::Database::IfNoSchema::refuse, context.config().database_timeout);
    if (other.name() == configured.name()) throw in_use(other.name());
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
