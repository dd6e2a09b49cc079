#include "event_flags.hpp"

#include <charconv>
#include <cstdint>
#include <system_error>

#include <fmt/format.h>

#include "convene/domain/event_times.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "flag_problems.hpp"
#include "text_argument.hpp"

namespace convene::cli {

using domain::Event;

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

}  // namespace

void add_event_flags(CLI::App& command, EventFlags& flags, bool for_update) {
    command.add_option("--title", flags.title, "Title of the event");
    // Defaults are create-event's; an update keeps what the event has.
    command.add_option("--slug", flags.slug,
                       for_update ? "Short name used on the command line ([a-z0-9-])"
                                  : "Short name used on the command line ([a-z0-9-]; default: "
                                    "from the title)");
    command.add_option("--description", flags.description,
                       "Description (text, @FILE or - for stdin)");
    command.add_option("--start", flags.start,
                       "Start: 2022-04-13T15:00 (in --tz) or with an offset (+02:00, Z)");
    command.add_option("--end", flags.end,
                       "End: a date-time, or a bare time (16:00) on the start day");
    command.add_option("--duration", flags.duration, "Length instead of --end, e.g. 1h30m");
    command.add_option("--date", flags.date, "All-day event: first day (YYYY-MM-DD)");
    command.add_option("--end-date", flags.end_date, "All-day event: last day, inclusive");
    command.add_option("--tz,--timezone", flags.timezone,
                       for_update
                           ? "IANA time zone of the wall times (default: the event's)"
                           : "IANA time zone of the wall times (default: defaults.timezone)");
    command.add_option("--venue", flags.venue, "Venue (free text)");
    command.add_option("--online", flags.online_url, "Online meeting link (URL)");
    command.add_option("--registration-url", flags.registration_url, "Registration link (URL)");
    command.add_option("--languages", flags.languages,
                       "Interpretation languages, BCP 47 tags in order: en,fr,es");
    command.add_option("--locale", flags.locale,
                       for_update ? "Language of the event's pages and invitations: en, fr or es"
                                  : "Language of the event's pages and invitations: en, fr or es "
                                    "(default: defaults.locale, else en)");
    command
        .add_option("--organiser,--organizer", flags.organisers,
                    "An organising organisation (repeatable, in order; replaces the list)")
        ->allow_extra_args(false);
    command.add_option("--parent", flags.parent,
                       "The larger event this one is part of (slug or id)");
    command.add_option("--capacity", flags.capacity, "Seats; further registrations are waitlisted")
        ->check(whole_number());
    command.add_option("--status", flags.status,
                       for_update ? "tentative or confirmed"
                                  : "tentative or confirmed (default: confirmed)");
    if (for_update) {
        command.add_flag("--no-capacity", flags.no_capacity, "Remove the capacity limit");
        command.add_flag("--no-parent", flags.no_parent, "Detach from the parent event");
    }
}

namespace {

void check_url(const std::string& url, std::string_view flag) {
    if (url.empty()) return;
    if (!domain::is_url(url)) {
        throw UsageError(fmt::format("{} '{}' is not a URL", flag, url),
                         "give the full link, e.g. https://example.org/register");
    }
}

void apply_parent(const EventFlags& flags, Event& event, store::EventStore& events) {
    if (flags.no_parent) event.parent_id.reset();
    if (!flags.parent) return;
    const auto parent = events.get(*flags.parent);
    if (event.id != 0 && events.would_cycle(event.id, parent.id)) {
        throw UsageError(fmt::format("'{}' cannot be part of '{}', which is part of it", event.slug,
                                     parent.slug));
    }
    event.parent_id = parent.id;
}

}  // namespace

void apply_event_flags(const EventFlags& flags, Event& event, Context& context,
                       store::EventStore& events) {
    if (flags.title) event.title = *flags.title;
    if (flags.slug) {
        check_flags(domain::check_slug(*flags.slug));
        event.slug = *flags.slug;
    }
    if (flags.description) event.description = read_text_argument(*flags.description);
    const domain::TimeInput times{flags.start, flags.end,      flags.duration,
                                  flags.date,  flags.end_date, flags.timezone};
    // Asked only when it is used, so that the note about the system's zone is true.
    const bool zone_from_default = !flags.timezone && event.timezone.empty();
    check_flags(domain::apply_times(times, event,
                                    zone_from_default ? context.default_timezone()
                                                      : context.config().default_timezone));
    if (flags.venue) event.venue = *flags.venue;
    if (flags.online_url) {
        check_url(*flags.online_url, "--online");
        event.online_url = *flags.online_url;
    }
    if (flags.registration_url) {
        check_url(*flags.registration_url, "--registration-url");
        event.registration_url = *flags.registration_url;
    }
    if (flags.languages)
        event.languages = flag_value(domain::parse_languages(*flags.languages), "languages");
    if (flags.locale) {
        event.locale = flag_value(domain::parse_locale(*flags.locale), "locale");
    } else if (event.id == 0) {
        event.locale = context.config().default_locale;  // a new event
    }
    if (!flags.organisers.empty()) {
        event.organisers.clear();
        for (const auto& name : flags.organisers) {
            if (!name.empty()) event.organisers.push_back(name);
        }
    }
    apply_parent(flags, event, events);
    if (flags.no_capacity) event.capacity.reset();
    if (flags.capacity) event.capacity = *flags.capacity;
    if (flags.status) {
        event.status = flag_value(domain::parse_event_status(*flags.status), "status");
        if (event.status == domain::EventStatus::cancelled) {
            throw UsageError("use 'convene cancel-event' to cancel an event");
        }
    }
}

app::EventEdit edit_by(const EventFlags& flags, Context& context) {
    return [&flags, &context](domain::Event& event, store::EventStore& events) {
        apply_event_flags(flags, event, context, events);
    };
}

}  // namespace convene::cli
