// convene import-schedule FILE [--parent SLUG] [--dry-run]: a frab or pretalx schedule
// (schedule.xml or schedule.json) as a parent event with a session per talk. Prints one row per
// talk (change, slug, start, room, title) in any list format, and a summary note.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/schedule_import.hpp"
#include "convene/io/input.hpp"
#include "convene/io/schedule_file.hpp"
#include "event_flags.hpp"

namespace convene::cli {

namespace {

// pretalx's schedule.xml of a large conference is a few megabytes.
constexpr std::size_t k_max_schedule_bytes = 64 * 1024 * 1024;

struct Options {
    std::string file;
    std::optional<std::string> parent;
    bool dry_run{false};
};

std::string_view outcome_word(app::TalkOutcome outcome) {
    switch (outcome) {
        case app::TalkOutcome::added: return "added";
        case app::TalkOutcome::updated: return "updated";
        case app::TalkOutcome::unchanged: return "unchanged";
        case app::TalkOutcome::cancelled: return "cancelled";
    }
    return "";
}

void print_talks(const app::ScheduleImported& done, Context& context) {
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"change", output::ColumnType::text},
                                           {"slug", output::ColumnType::text},
                                           {"start", output::ColumnType::text},
                                           {"room", output::ColumnType::text},
                                           {"title", output::ColumnType::text, output::Fit::cut}},
                                          context.writer_options(false, false));
    const auto& zone = domain::known_zone(done.parent.timezone);
    for (const auto& talk : done.talks) {
        const auto& session = talk.session;
        writer->row({outcome_word(talk.outcome), session.slug,
                     domain::format_iso_local(session.start, zone), session.room, session.title});
    }
    writer->finish();
    context.flush_output();
}

std::string summary(const app::ScheduleImported& done, bool dry_run) {
    using app::TalkOutcome;
    const auto parent = done.parent_created   ? "new event"
                        : done.parent_changed ? "updated"
                                              : "unchanged";
    auto line =
        fmt::format("{} ({}): {} added, {} updated, {} cancelled, {} unchanged", done.parent.slug,
                    parent, done.count(TalkOutcome::added), done.count(TalkOutcome::updated),
                    done.count(TalkOutcome::cancelled), done.count(TalkOutcome::unchanged));
    if (dry_run) line += "; dry run: nothing written";
    return line;
}

void run(const Options& options, Context& context) {
    io::InputFile input(options.file);
    const auto name = io::display_name(input.path());
    const auto bytes = io::read_all(input, k_max_schedule_bytes, "a schedule");
    const auto schedule = io::read_schedule(bytes, name);
    const app::ScheduleImport import{name, options.parent, options.dry_run};
    const bool zone_needed = schedule.timezone.empty() || !domain::find_zone(schedule.timezone);
    // Like create-event, it makes the database it writes to; a dry run writes nothing.
    auto& db =
        context.database(options.dry_run ? Context::IfMissing::refuse : Context::IfMissing::create);
    const auto done = app::import_schedule(db, schedule, import,
                                           event_defaults(context, zone_needed), context.now());
    print_talks(done, context);
    context.note(summary(done, options.dry_run));
}

}  // namespace

Runner add_import_schedule(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("FILE", options->file, "schedule.xml or schedule.json; - reads stdin")
        ->required();
    command.add_option("--parent", options->parent,
                       "Slug of the event the sessions belong to (default: from the "
                       "schedule's acronym)");
    command.add_flag("--dry-run", options->dry_run, "Show what would change, write nothing");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
