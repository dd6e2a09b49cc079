#include "event_flags.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/l10n/locale.hpp"
#include "text_argument.hpp"

namespace convene::cli {

using domain::Event;

void add_event_flags(CLI::App& command, EventFlags& flags, bool for_update) {
    command.add_option("--title", flags.title, "Title of the event");
    command.add_option("--slug", flags.slug,
                       "Short name used on the command line ([a-z0-9-]; default: from the title)");
    command.add_option("--description", flags.description,
                       "Description (text, @FILE or - for stdin)");
    command.add_option("--start", flags.start,
                       "Start: 2022-04-13T15:00 (in --tz) or with an offset (+02:00, Z)");
    command.add_option("--end", flags.end, "End: a date-time, or a bare time (16:00) on the start day");
    command.add_option("--duration", flags.duration, "Length instead of --end, e.g. 1h30m");
    command.add_option("--date", flags.date, "All-day event: first day (YYYY-MM-DD)");
    command.add_option("--end-date", flags.end_date, "All-day event: last day, inclusive");
    command.add_option("--tz", flags.timezone,
                       "IANA time zone of the wall times (default: defaults.timezone)");
    command.add_option("--venue", flags.venue, "Venue (free text)");
    command.add_option("--online", flags.online_url, "Online meeting link (URL)");
    command.add_option("--registration-url", flags.registration_url, "Registration link (URL)");
    command.add_option("--languages", flags.languages,
                       "Interpretation languages, BCP 47 tags in order: en,fr,es");
    command.add_option("--locale", flags.locale,
                       "Language of the event's pages and invitations: en, fr or es "
                       "(default: defaults.locale, else en)");
    command.add_option("--organiser", flags.organisers,
                       "An organising organisation (repeatable, in order; replaces the list)")
        ->allow_extra_args(false);
    command.add_option("--parent", flags.parent, "The larger event this one is part of (slug or id)");
    command.add_option("--capacity", flags.capacity, "Seats; further registrations are waitlisted")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--status", flags.status, "tentative or confirmed (default: confirmed)");
    if (for_update) {
        command.add_flag("--no-capacity", flags.no_capacity, "Remove the capacity limit");
        command.add_flag("--no-parent", flags.no_parent, "Detach from the parent event");
    }
}

std::vector<std::string> parse_languages(const std::string& list) {
    std::vector<std::string> tags;
    std::string_view rest = list;
    while (!rest.empty()) {
        const auto cut = rest.find(',');
        std::string_view tag = rest.substr(0, cut);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (!domain::is_language_tag(tag)) {
            throw UsageError(fmt::format("'{}' is not a language tag", tag),
                             "use BCP 47 tags such as en, fr, es, pt-BR");
        }
        tags.emplace_back(tag);
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
    }
    return tags;
}

namespace {

void check_url(const std::string& url, std::string_view flag) {
    if (url.empty()) return;
    if (!domain::is_url(url)) {
        throw UsageError(fmt::format("{} '{}' is not a URL", flag, url),
                         "give the full link, e.g. https://example.org/register");
    }
}

// The same wall-clock time, read again in another zone (update-event --tz alone).
domain::Instant same_wall_time(domain::Instant instant, const date::time_zone& from,
                               const date::time_zone& to) {
    const auto local = domain::to_local(instant, from);
    const auto text = fmt::format("{}T{}", domain::format_date(local.day),
                                  date::format("%T", local.time_of_day));
    return domain::parse_instant(text, to);
}

void apply_times(const EventFlags& flags, Event& event, Context& context, bool is_new) {
    const bool timed = flags.start || flags.end || flags.duration;
    const bool all_day = flags.date || flags.end_date;
    if (timed && all_day) {
        throw UsageError("give either --start/--end/--duration or --date/--end-date, not both");
    }
    const std::string zone_name = flags.timezone ? *flags.timezone
                                  : !event.timezone.empty() ? event.timezone
                                                            : context.config().default_timezone;
    const auto& zone = domain::find_zone(zone_name);

    if (all_day) {
        if (!flags.date && !event.all_day) {
            throw UsageError("--end-date needs --date", "give the first day with --date");
        }
        const auto old_length = event.all_day ? event.end_date - event.start_date : date::days{0};
        if (flags.date) event.start_date = domain::parse_date(*flags.date);
        event.end_date = flags.end_date ? domain::parse_date(*flags.end_date)
                         : flags.date   ? event.start_date + old_length
                                        : event.end_date;
        event.all_day = true;
        event.start = event.end = {};
    } else if (timed) {
        if (flags.end && flags.duration) throw UsageError("give --end or --duration, not both");
        if (!flags.start && (is_new || event.all_day)) {
            throw UsageError("--start is needed with --end or --duration");
        }
        const auto start = flags.start ? domain::parse_instant(*flags.start, zone) : event.start;
        domain::Instant end;
        if (flags.end) {
            end = domain::parse_end(*flags.end, start, zone);
        } else if (flags.duration) {
            end = start + domain::parse_duration(*flags.duration);
        } else if (!is_new && !event.all_day) {
            end = start + (event.end - event.start);  // moving an event keeps its length
        } else {
            throw UsageError("the event needs an end", "give --end 16:00 or --duration 1h");
        }
        event.all_day = false;
        event.start = start;
        event.end = end;
        event.start_date = event.end_date = {};
    } else if (is_new) {
        throw UsageError("the event needs a time",
                         "give --start and --end (or --duration), or --date for an all-day event");
    } else if (flags.timezone && !event.all_day && zone.name() != event.timezone) {
        const auto& old_zone = domain::find_zone(event.timezone);
        event.start = same_wall_time(event.start, old_zone, zone);
        event.end = same_wall_time(event.end, old_zone, zone);
    }
    event.timezone = std::string(zone.name());
}

void apply_parent(const EventFlags& flags, Event& event, store::EventStore& events) {
    if (flags.no_parent) event.parent_id.reset();
    if (!flags.parent) return;
    const auto parent = events.get(*flags.parent);
    if (event.id != 0 && events.would_cycle(event.id, parent.id)) {
        throw UsageError(fmt::format("'{}' cannot be part of '{}', which is part of it",
                                     event.slug, parent.slug));
    }
    event.parent_id = parent.id;
}

}  // namespace

void apply_event_flags(const EventFlags& flags, Event& event, Context& context,
                       store::EventStore& events) {
    const bool is_new = event.id == 0;
    if (flags.title) event.title = *flags.title;
    if (flags.slug) {
        if (!domain::is_valid_slug(*flags.slug)) {
            throw UsageError(fmt::format("invalid slug '{}'", *flags.slug),
                             "a slug uses a-z, 0-9 and '-', and is not only digits");
        }
        event.slug = *flags.slug;
    }
    if (flags.description) event.description = read_text_argument(*flags.description);
    apply_times(flags, event, context, is_new);
    if (flags.venue) event.venue = *flags.venue;
    if (flags.online_url) {
        check_url(*flags.online_url, "--online");
        event.online_url = *flags.online_url;
    }
    if (flags.registration_url) {
        check_url(*flags.registration_url, "--registration-url");
        event.registration_url = *flags.registration_url;
    }
    if (flags.languages) event.languages = parse_languages(*flags.languages);
    if (flags.locale) {
        event.locale = l10n::supported_locale(*flags.locale);
        if (event.locale.empty()) {
            throw UsageError(fmt::format("convene does not write in '{}'", *flags.locale),
                             "--locale takes en, fr or es");
        }
    } else if (is_new) {
        event.locale = context.config().default_locale;
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
        event.status = domain::parse_event_status(*flags.status);
        if (event.status == domain::EventStatus::cancelled) {
            throw UsageError("use 'convene cancel-event' to cancel an event");
        }
    }
}

}  // namespace convene::cli
