// convene check-in EVENT EMAIL|ID [--undo]: record (or clear) a person's arrival.
// convene check-in EVENT --from REPORT: everyone who came to the online meeting, from the
// attendance report its platform wrote, as a list (attendance, name, email, minutes) in any
// list format, with a summary note.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/attendance_import.hpp"
#include "convene/app/event_changes.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/text/strings.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::optional<std::string> who;
    bool undo{false};
    std::optional<std::string> from;
    std::optional<std::string> min_duration;
    std::optional<std::string> report_zone;
    bool dry_run{false};
};

void run_one(const Options& options, Context& context) {
    const auto result =
        app::check_in(context.database(), options.event, *options.who, options.undo, context.now());
    const auto& person = result.registration;
    const auto& zone = domain::known_zone(result.event.timezone);
    switch (result.outcome) {
        case app::CheckIn::was_not_checked:
            context.note(fmt::format("{} was not checked in", person.email));
            return;
        case app::CheckIn::cleared:
            context.note(fmt::format("cleared the check-in of {}", person.email));
            return;
        case app::CheckIn::already:
            context.note(fmt::format("{} checked in already at {}", person.email,
                                     domain::format_iso_local(*person.checked_in_at, zone)));
            return;
        case app::CheckIn::recorded:
            if (person.status == domain::RegistrationStatus::waitlisted) {
                context.warn(
                    fmt::format("{} is on the waiting list, not registered", person.email));
            }
            context.note(fmt::format("checked in {} at {}", person.email,
                                     domain::format_iso_local(*person.checked_in_at, zone)));
            return;
    }
}

// One row per person: attended, too_short (came, stayed less than --min-duration), absent
// (registered, not in the report), unregistered (in the report, matching no registration)
// and host (the meeting's hosts who are not registered).
void print_attendance(const app::AttendanceImported& done, Context& context) {
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"attendance", output::ColumnType::text},
                                           {"name", output::ColumnType::text, output::Fit::cut},
                                           {"email", output::ColumnType::text},
                                           {"minutes", output::ColumnType::integer}},
                                          context.writer_options(false, false));
    const auto minutes = [](std::chrono::seconds time) { return domain::rounded_minutes(time); };
    for (const auto* list : {&done.match.attended, &done.match.too_short}) {
        const char* what = list == &done.match.attended ? "attended" : "too_short";
        for (const auto& person : *list) {
            const auto& r = person.registration;
            writer->row({what, r.name, r.email, minutes(person.time_in_meeting)});
        }
    }
    for (const auto& r : done.match.absent) writer->row({"absent", r.name, r.email, nullptr});
    for (const auto* list : {&done.match.unregistered, &done.match.hosts}) {
        const char* what = list == &done.match.unregistered ? "unregistered" : "host";
        for (const auto& person : *list) {
            writer->row({what, person.name, output::text_or_null(person.email),
                         minutes(person.time_in_meeting)});
        }
    }
    writer->finish();
    context.flush_output();
}

std::string summary(const app::AttendanceImported& done, bool dry_run) {
    const auto& match = done.match;
    const auto registered = match.attended.size() + match.too_short.size() + match.absent.size();
    auto line = fmt::format("{}: {} attended of {} registered", done.event.slug,
                            match.attended.size(), registered);
    if (!match.too_short.empty()) line += fmt::format(", {} too briefly", match.too_short.size());
    line += fmt::format("; {} came without registering (not added)", match.unregistered.size());
    line += dry_run
                ? fmt::format("; dry run: {} would be checked in, nothing written", done.checked_in)
                : fmt::format("; {} checked in now", done.checked_in);
    return line;
}

void check_report_flags(const Options& options) {
    if (options.who && options.from) {
        throw UsageError("give a person or --from REPORT, not both");
    }
    if (!options.who && !options.from) {
        throw UsageError("whom to check in?", "give an email or id, or --from REPORT");
    }
    if (options.from && options.undo) {
        throw UsageError("--undo clears one person's check-in, not a report's",
                         "give the person: check-in EVENT EMAIL --undo");
    }
    if (!options.from && (options.min_duration || options.report_zone || options.dry_run)) {
        throw UsageError("--min-duration, --report-zone and --dry-run need --from REPORT");
    }
}

void run_report(const Options& options, Context& context) {
    app::AttendanceImport import{.event = options.event, .dry_run = options.dry_run};
    // "0", the default said aloud: everyone who came (a duration itself is positive).
    if (options.min_duration && *options.min_duration != "0") {
        import.min_duration =
            flag_value(domain::parse_duration(*options.min_duration), "min-duration");
    }
    if (options.report_zone) {
        import.report_zone = flag_value(domain::find_zone(*options.report_zone), "report-zone");
    }
    io::InputFile input(*options.from);
    const auto done = app::check_in_from_report(
        context.database(), input, import,
        [&](const app::AttendanceImported& result) { print_attendance(result, context); });
    if (done.encoding_guessed) {
        context.note(fmt::format("{}: read as {}: it is not UTF-8 and has no byte order mark",
                                 io::display_name(input.path()), done.encoding));
    }
    for (const auto& person : done.match.attended) {
        if (person.registration.status == domain::RegistrationStatus::waitlisted) {
            context.warn(fmt::format("{} is on the waiting list, not registered",
                                     person.registration.email));
        }
    }
    context.note(summary(done, options.dry_run));
}

void run(const Options& options, Context& context) {
    check_report_flags(options);
    if (options.from) run_report(options, context);
    else run_one(options, context);
}

}  // namespace

Runner add_check_in(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("WHO", options->who, "Email or registration id");
    command.add_flag("--undo", options->undo, "Clear the check-in instead");
    command.add_option("--from", options->from,
                       "Check in everyone a Zoom or Teams attendance report shows; - reads stdin");
    command.add_option("--min-duration", options->min_duration,
                       "--from: only people who stayed this long, e.g. 15m (default: 0, everyone)");
    command.add_option("--report-zone", options->report_zone,
                       "--from: the zone of the report's times (default: the event's)");
    command.add_flag("--dry-run", options->dry_run, "--from: show the lists, write nothing");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
