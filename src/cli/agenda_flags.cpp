#include "agenda_flags.hpp"

#include <fmt/format.h>

#include "convene/error.hpp"
#include "flag_problems.hpp"
#include "text_argument.hpp"

namespace convene::cli {

void add_agenda_flags(CLI::App& command, AgendaFlags& flags, bool for_update) {
    auto& item = flags.item;
    command.add_option("--title", item.title, "Title of the item");
    command.add_option("--description", item.description,
                       "Description (text, @FILE or - for stdin)");
    command.add_option("--kind", item.kind, "talk, discussion, break or other ('' for none)");
    command.add_option("--start", item.start,
                       "Start: an offset from the event's start (+15m), a time on its first day "
                       "(15:15) or a date-time, in the event's zone");
    command.add_option("--duration", item.duration, "Length, e.g. 20m or 1h30m");
    command
        .add_option("--speaker", flags.speakers,
                    "\"NAME; ROLE; ORGANISATION\" (repeatable, in order; \\; for a ';' in a "
                    "field)")
        ->allow_extra_args(false);
    command
        .add_option_function<std::vector<std::string>>(
            "--point", [&item](const std::vector<std::string>& points) { item.points = points; },
            "A sub-point, e.g. a guiding question "
            "(repeatable, in order)")
        ->allow_extra_args(false);
    if (for_update) {
        command.add_flag("--no-start", item.no_start, "Make the item untimed");
        command.add_flag("--no-duration", item.no_duration, "Remove the duration");
        command.add_flag("--no-speakers", item.no_speakers, "Remove every speaker");
        command.add_flag("--no-points", item.no_points, "Remove every point");
    }
}

domain::AgendaItemInput agenda_input(const AgendaFlags& flags) {
    auto input = flags.item;
    const auto refuse_both = [](bool given, bool removed, std::string_view flag,
                                std::string_view no_flag) {
        if (given && removed)
            throw UsageError(fmt::format("give {} or {}, not both", flag, no_flag));
    };
    refuse_both(input.start.has_value(), input.no_start, "--start", "--no-start");
    refuse_both(input.duration.has_value(), input.no_duration, "--duration", "--no-duration");
    refuse_both(!flags.speakers.empty(), input.no_speakers, "--speaker", "--no-speakers");
    refuse_both(input.points.has_value(), input.no_points, "--point", "--no-points");
    if (input.description) input.description = read_text_argument(*input.description);
    if (!flags.speakers.empty()) {
        input.speakers.emplace();
        for (const auto& spec : flags.speakers) {
            input.speakers->push_back(flag_value(domain::parse_speaker(spec), "speakers"));
        }
    }
    return input;
}

void warn(Context& context, const std::vector<std::string>& timing_warnings) {
    for (const auto& warning : timing_warnings) context.warn(warning);
}

void warn_about_speakers(Context& context, const AgendaFlags& flags) {
    for (const auto& spec : flags.speakers) {
        if (auto warning = domain::speaker_warning(spec)) context.warn(*warning);
    }
}

}  // namespace convene::cli
