#include "event_flags.hpp"

#include <charconv>
#include <cstdint>
#include <system_error>

#include <fmt/format.h>

#include "convene/app/event_reads.hpp"
#include "convene/domain/languages.hpp"
#include "convene/error.hpp"
#include "text_argument.hpp"

namespace convene::cli {

namespace {

// A whole number in convene's words; the range is the domain's rule ("capacity must be zero or
// more"), worded like every other flag's problem.
CLI::Validator whole_number() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            std::int64_t number = 0;
            const auto* end = value.data() + value.size();
            const auto [ptr, ec] = std::from_chars(value.data(), end, number);
            if (ec == std::errc{} && ptr == end) return {};
            if (ec == std::errc::result_out_of_range)
                return fmt::format("'{}' is too large", value);
            return fmt::format("'{}' is not a whole number", value);
        },
        "", "WHOLE_NUMBER");
}

// `--track NAME` names the session's track; `--track NAME=#rrggbb` (or `NAME=`, without a
// colour) declares one of the event's own tracks. The value says which, so neither the flags
// nor the reader need the event: a programme's parent declares, its sessions name.
void read_tracks(const std::vector<std::string>& values, domain::EventInput& input) {
    std::vector<std::string> declared;
    for (const auto& value : values) {
        if (value.find('=') != std::string::npos) {
            declared.push_back(value);
        } else if (input.track) {
            throw UsageError(
                fmt::format("--track: a session has one track, not '{}' and '{}'", *input.track,
                            value),
                "a parent declares its tracks as --track NAME=#rrggbb (or NAME= without a colour)");
        } else {
            input.track = value;
        }
    }
    if (!declared.empty()) input.tracks = std::move(declared);
}

}  // namespace

void add_event_flags(CLI::App& command, domain::EventInput& input, bool for_update) {
    command.add_option("--title", input.title, "Title of the event");
    // Defaults are create-event's; an update keeps what the event has.
    command.add_option("--slug", input.slug,
                       for_update ? "Short name used on the command line ([a-z0-9-])"
                                  : "Short name used on the command line ([a-z0-9-]; default: "
                                    "from the title)");
    command.add_option("--description", input.description,
                       "Description (text, @FILE or - for stdin)");
    command.add_option("--start", input.times.start,
                       "Start: 2022-04-13T15:00 (in --tz) or with an offset (+02:00, Z)");
    command.add_option("--end", input.times.end,
                       "End: a date-time, or a bare time (16:00) on the start day");
    command.add_option("--duration", input.times.duration, "Length instead of --end, e.g. 1h30m");
    command.add_option("--date", input.times.date, "All-day event: first day (YYYY-MM-DD)");
    command.add_option("--end-date", input.times.end_date, "All-day event: last day, inclusive");
    command.add_option("--tz,--timezone", input.times.timezone,
                       for_update
                           ? "IANA time zone of the wall times (default: the event's)"
                           : "IANA time zone of the wall times (default: defaults.timezone)");
    command.add_option("--venue", input.venue, "Venue: the building (free text)");
    command.add_option("--room", input.room, "Room inside the venue, for a programme's session");
    command.add_option("--type", input.type,
                       "A session's type: talk, workshop, keynote, panel, break or your own word");
    command
        .add_option_function<std::vector<std::string>>(
            "--track",
            [&input](const std::vector<std::string>& values) { read_tracks(values, input); },
            "NAME: the session's track; NAME=#rrggbb or NAME=: a track this event declares for "
            "its sessions (repeatable, replaces the list)")
        ->allow_extra_args(false);
    command.add_option("--online", input.online_url,
                       "Public online link (URL), shown on pages and in public feeds");
    command.add_option("--join-url", input.join_url,
                       "Private meeting link (URL) for registered people only: invitations and "
                       "reminders carry it, pages and public feeds never ('' clears it)");
    command.add_option("--registration-url", input.registration_url, "Registration link (URL)");
    command.add_option_function<std::string>(
        "--languages",
        [&input](const std::string& list) { input.languages = domain::language_items(list); },
        "Interpretation languages in order, as tags or names: en,fr,es or "
        "English,français,español");
    command.add_option("--locale", input.locale,
                       for_update ? "Language of the event's pages and invitations: en, fr or es"
                                  : "Language of the event's pages and invitations: en, fr or es "
                                    "(default: defaults.locale, else en)");
    command
        .add_option_function<std::vector<std::string>>(
            "--organiser,--organizer",
            [&input](const std::vector<std::string>& names) { input.organisers = names; },
            "An organising organisation, NAME or ROLE: NAME with ROLE lead, co-lead, partner, "
            "host or sponsor (repeatable, in order; replaces the list)")
        ->allow_extra_args(false);
    command.add_option("--parent", input.parent,
                       "The larger event this one is part of (slug or id)");
    command.add_option("--capacity", input.capacity, "Seats; further registrations are waitlisted")
        ->check(whole_number());
    command.add_option("--status", input.status,
                       for_update ? "tentative or confirmed"
                                  : "tentative or confirmed (default: confirmed)");
    if (for_update) {
        command.add_flag("--no-capacity", input.no_capacity, "Remove the capacity limit");
        command.add_flag("--no-parent", input.no_parent, "Detach from the parent event");
        command.add_flag_callback(
            "--no-tracks", [&input] { input.tracks = std::vector<std::string>{}; },
            "Remove the tracks this event declares");
    }
}

void read_description(domain::EventInput& input) {
    if (input.description) input.description = read_text_argument(*input.description);
}

domain::EventDefaults event_defaults(Context& context, bool zone_used) {
    return {zone_used ? context.default_timezone() : context.config().default_timezone,
            context.config().default_locale};
}

void warn_undeclared_track(Context& context, const domain::Event& event) {
    if (auto warning = app::track_warning(context.database(), event)) context.warn(*warning);
}

}  // namespace convene::cli
