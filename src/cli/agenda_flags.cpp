#include "agenda_flags.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "flag_problems.hpp"
#include "text_argument.hpp"

namespace convene::cli {

void add_agenda_flags(CLI::App& command, AgendaFlags& flags, bool for_update) {
    command.add_option("--title", flags.title, "Title of the item");
    command.add_option("--description", flags.description,
                       "Description (text, @FILE or - for stdin)");
    command.add_option("--kind", flags.kind, "talk, discussion, break or other ('' for none)");
    command.add_option("--start", flags.start,
                       "Start: an offset from the event's start (+15m), a time on its first day "
                       "(15:15) or a date-time, in the event's zone");
    command.add_option("--duration", flags.duration, "Length, e.g. 20m or 1h30m");
    command
        .add_option("--speaker", flags.speakers,
                    "\"NAME; ROLE; ORGANISATION\" (repeatable, in order; \\; for a ';' in a "
                    "field)")
        ->allow_extra_args(false);
    command
        .add_option("--point", flags.points,
                    "A sub-point, e.g. a guiding question "
                    "(repeatable, in order)")
        ->allow_extra_args(false);
    if (for_update) {
        command.add_flag("--no-start", flags.no_start, "Make the item untimed");
        command.add_flag("--no-duration", flags.no_duration, "Remove the duration");
        command.add_flag("--no-speakers", flags.no_speakers, "Remove every speaker");
        command.add_flag("--no-points", flags.no_points, "Remove every point");
    }
}

void apply_agenda_flags(const AgendaFlags& flags, domain::AgendaItem& item,
                        const domain::Event& event) {
    if (flags.start && flags.no_start) throw UsageError("give --start or --no-start, not both");
    if (flags.duration && flags.no_duration) {
        throw UsageError("give --duration or --no-duration, not both");
    }
    if (!flags.speakers.empty() && flags.no_speakers) {
        throw UsageError("give --speaker or --no-speakers, not both");
    }
    if (!flags.points.empty() && flags.no_points) {
        throw UsageError("give --point or --no-points, not both");
    }
    if (flags.title) item.title = *flags.title;
    if (flags.description) item.description = read_text_argument(*flags.description);
    if (flags.kind) item.kind = flag_value(domain::parse_agenda_kind(*flags.kind), "kind");
    if (flags.no_start) item.start.reset();
    if (flags.start)
        item.start = flag_value(domain::parse_item_start(*flags.start, event), "start");
    if (flags.no_duration) item.duration.reset();
    if (flags.duration)
        item.duration = flag_value(domain::parse_duration(*flags.duration), "duration");
    if (flags.no_speakers) item.speakers.clear();
    if (!flags.speakers.empty()) {
        item.speakers.clear();
        for (const auto& spec : flags.speakers) {
            item.speakers.push_back(flag_value(domain::parse_speaker(spec), "speakers"));
        }
    }
    if (flags.no_points) item.points.clear();
    if (!flags.points.empty()) item.points = flags.points;
    check_flags(domain::validate(item));
}

app::ItemEdit edit_by(const AgendaFlags& flags) {
    return [&flags](domain::AgendaItem& item, const domain::Event& event) {
        apply_agenda_flags(flags, item, event);
    };
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
