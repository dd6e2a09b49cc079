// convene create-event: a new event from flags, or from a TOML event file (--from) with its
// agenda; prints its slug for EVENT=$(convene create-event …)
#include <memory>
#include <optional>
#include <ostream>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_edits.hpp"
#include "convene/app/event_file.hpp"
#include "convene/error.hpp"
#include "convene/io/event_file.hpp"
#include "convene/io/input.hpp"
#include "event_flags.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    domain::EventInput event;
    std::optional<std::string> from;
    bool replace{false};
    CLI::App* command{nullptr};  // to tell which flags were given
};

// The file is the whole description of the event: flags beside it would compete with it.
void check_file_alone(const Options& options) {
    for (const auto* option : options.command->get_options()) {
        const auto& name = option->get_name();
        if (option->count() > 0 && name != "--from" && name != "--replace") {
            throw UsageError(fmt::format("{} cannot be combined with --from", name),
                             "put the value in the event file");
        }
    }
}

// The slug a printed line names, written out before the commit (app::BeforeCommit).
void print_slug(Context& context, const domain::Event& event) {
    context.out() << event.slug << '\n';
    context.flush_output();
}

void run_file(const Options& options, Context& context) {
    check_file_alone(options);
    const auto file = io::read_event_file(*options.from);
    // Checked before the database is opened: a bad file leaves no new database behind. Like
    // the locale, the zone comes from the configuration when the file has none.
    const auto checked = file.value(app::check_event_file(file, event_defaults(context, false)));
    const auto result = file.value(app::create_event_from_file(
        context.database(Context::IfMissing::create), checked, options.replace, context.now(),
        [&](const app::EventFileResult& done) { print_slug(context, done.event); }));
    if (result.slug_taken) {
        throw ConflictError(
            fmt::format("{}: an event with slug '{}' exists already", file.name, result.event.slug),
            "add --replace to update it from the file, or set another slug in the file");
    }
    for (const auto& warning : result.warnings) context.warn(warning);
    warn_undeclared_track(context, result.event);
    if (result.replaced) {
        context.note(
            fmt::format("replaced {} (sequence {})", result.event.slug, result.event.sequence));
    }
}

// --replace without --from: the event of that slug takes the flags given, as update-event
// would; flags left out keep its values (a capacity set later by the script stays).
void run_replace(const domain::EventInput& input, Context& context) {
    const auto update = flag_value(
        app::create_or_update_event(
            context.database(Context::IfMissing::create), input, event_defaults(context, false),
            context.now(), [&](const app::EventUpdate& done) { print_slug(context, done.after); }),
        "");
    warn_undeclared_track(context, update.after);
    if (update.created) {
        // The default zone was used after all: its note, if it has one.
        if (!input.times.timezone) context.default_timezone();
        return;
    }
    context.note(update.changed ? fmt::format("updated {} (sequence {})", update.after.slug,
                                              update.after.sequence)
                                : fmt::format("{} is as given already", update.after.slug));
    for (const auto& person : update.seats.promoted) {
        context.note(
            fmt::format("promoted {} <{}> from the waiting list", person.name, person.email));
    }
}

void run(const Options& options, Context& context) {
    if (options.from) return run_file(options, context);
    if (!options.event.title) {
        throw UsageError("an event needs a title", "give --title TEXT");
    }
    auto input = options.event;
    read_description(input);
    if (options.replace) return run_replace(input, context);
    auto& db = context.database(Context::IfMissing::create);
    // A new event: its wall times are read in the default zone unless --tz is given.
    const auto defaults = event_defaults(context, !input.times.timezone);
    const auto event =
        flag_value(app::create_event(db, input, defaults, context.now(),
                                     [&](const domain::Event& made) { print_slug(context, made); }),
                   "");
    warn_undeclared_track(context, event);
}

}  // namespace

Runner add_create_event(CLI::App& command) {
    auto options = std::make_shared<Options>();
    add_event_flags(command, options->event, false);
    command.add_option("--from", options->from,
                       "Create the event and its agenda from a TOML event file "
                       "(convene-event-file(5); - for stdin)");
    command.add_flag("--replace", options->replace,
                     "Update the event of the same slug if there is one (--from: from the file, "
                     "with its agenda; flags: the flags given, as update-event), so that a "
                     "setup script can run again");
    options->command = &command;
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
