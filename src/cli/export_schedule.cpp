// convene export-schedule EVENT: the frab/pretalx schedule (--format frab-xml or frab-json) of a
// parent event with its sessions, or of one event with its timed agenda.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/format.hpp"
#include "convene/export/frab_schedule.hpp"
#include "convene/io/output_file.hpp"
#include "convene/text/plural.hpp"
#include "convene/text/suggest.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::string output;
    std::string base_url;
    std::string day_change;  // "": output.day_change
};

void write(std::ostream& out, const frab::Schedule& schedule, bool json) {
    if (json) {
        out << frab::to_json(schedule).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
    } else {
        frab::write_xml(out, schedule);
    }
}

void run(const Options& options, Context& context) {
    const auto format =
        context.options().format.empty()
            ? output::ScheduleFormat::frab_xml
            : flag_value(output::parse_schedule_format(context.options().format), "format");
    frab::Publishing publishing;
    publishing.day_change =
        options.day_change.empty()
            ? context.config().day_change
            : flag_value(domain::parse_time_of_day(options.day_change, "day-change"), "day-change");
    if (!options.base_url.empty()) {
        if (!domain::is_url(options.base_url)) {
            throw UsageError(fmt::format("--base-url: '{}' is not a URL", options.base_url),
                             "give the address the pages are published at, e.g. "
                             "https://example.org/forum");
        }
        publishing.base_url = options.base_url;
    }
    const auto [event, schedule] =
        app::event_schedule(context.database(), options.event, publishing);
    if (schedule.talks.empty()) {
        context.warn(fmt::format("'{}' has no sessions and no timed agenda items", event.slug));
    }
    const bool json = format == output::ScheduleFormat::frab_json;
    if (options.output.empty() || options.output == "-") {
        write(context.out(), schedule, json);
        return;
    }
    io::OutputFile file(options.output);
    write(file.stream(), schedule, json);
    file.commit();
    context.note(fmt::format("wrote {} to {}", text::count_of(schedule.talks.size(), "talk"),
                             options.output));
}

}  // namespace

Runner add_export_schedule(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("-o,--output", options->output,
                       "Write to FILE (atomically) instead of stdout");
    command.add_option(
        "--base-url", options->base_url,
        "Where the event pages are published: each talk's URL is BASE_URL/SLUG.html");
    command.add_option("--day-change", options->day_change,
                       "When one day of the schedule ends and the next begins, local time "
                       "(default: output.day_change, else 04:00)");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
