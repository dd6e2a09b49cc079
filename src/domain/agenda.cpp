#include "convene/domain/agenda.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/domain/limits.hpp"
#include "convene/error.hpp"

namespace convene::domain {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

constexpr std::string_view k_speaker_hint = R"(write --speaker "NAME; ROLE; ORGANISATION"; \; is a ';' inside a field, \\ a backslash)";

std::string item_name(const AgendaItem& item) {
    return fmt::format("item {} ({})", item.position, item.title);
}

}  // namespace

Speaker parse_speaker(std::string_view spec) {
    std::vector<std::string> fields(1);
    for (std::size_t i = 0; i < spec.size(); ++i) {
        const char c = spec[i];
        if (c == ';') {
            fields.emplace_back();
        } else if (c != '\\') {
            fields.back() += c;
        } else if (i + 1 == spec.size()) {
            // Most likely a shell quoting slip: the text meant to follow the backslash is gone.
            throw UsageError(fmt::format("speaker '{}' ends with an unterminated '\\'", spec),
                             std::string(k_speaker_hint));
        } else if (spec[i + 1] == ';' || spec[i + 1] == '\\') {
            fields.back() += spec[++i];
        } else {
            throw UsageError(
                fmt::format("speaker '{}': '\\{}' is not an escape", spec, spec[i + 1]),
                std::string(k_speaker_hint));
        }
    }
    if (fields.size() > 3) {
        throw UsageError(fmt::format("speaker '{}' has {} fields, at most 3", spec, fields.size()),
                         std::string(k_speaker_hint));
    }
    fields.resize(3);
    Speaker speaker{std::string(trim(fields[0])), std::string(trim(fields[1])),
                    std::string(trim(fields[2]))};
    if (speaker.name.empty()) {
        throw UsageError(fmt::format("speaker '{}' has no name", spec), std::string(k_speaker_hint));
    }
    return speaker;
}

std::string parse_agenda_kind(std::string_view text) {
    if (text.empty()) return {};
    for (auto kind : k_agenda_kinds) {
        if (kind == text) return std::string(kind);
    }
    throw UsageError(fmt::format("unknown agenda item kind '{}'", text),
                     fmt::format("use {} (or '' for none)", fmt::join(k_agenda_kinds, ", ")));
}

std::pair<Instant, Instant> event_bounds(const Event& event) {
    if (!event.all_day) return {event.start, event.end};
    const auto& zone = find_zone(event.timezone);
    const auto midnight = [&](Date day) {
        // Local midnight can fall in a DST gap (some zones switch at 00:00): take the instant the
        // day really begins, which the zone's offset just after the gap gives.
        const auto local = date::local_seconds{day.time_since_epoch()};
        const auto info = zone.get_info(local);
        const auto offset = info.result == date::local_info::nonexistent ? info.second.offset
                                                                         : info.first.offset;
        return Instant{local.time_since_epoch() - offset};
    };
    return {midnight(event.start_date), midnight(event.end_date + date::days{1})};
}

Instant parse_item_start(std::string_view text, const Event& event) {
    const auto base = event_bounds(event).first;
    if (!text.empty() && text.front() == '+') {
        const auto offset = text.substr(1);
        // "+0m" is the first item of a timed agenda; durations elsewhere must be positive.
        if (!offset.empty() && offset.front() == '0' &&
            offset.find_first_not_of("0dhms") == std::string_view::npos) {
            return base;
        }
        return base + parse_duration(offset);
    }
    return parse_end(text, base, find_zone(event.timezone));
}

bool changes_calendar(const AgendaItem& before, const AgendaItem& after) {
    if (!before.start && !after.start) return false;  // untimed items are no VEVENTs
    return before.start != after.start || before.duration != after.duration ||
           before.title != after.title;
}

void validate(const AgendaItem& item) {
    if (trim(item.title).empty()) throw UsageError("an agenda item needs a title", "give --title TEXT");
    for (const auto& speaker : item.speakers) {
        if (trim(speaker.name).empty()) throw UsageError("a speaker needs a name");
    }
    for (const auto& point : item.points) {
        if (trim(point).empty()) throw UsageError("an agenda point must not be empty");
    }
    const auto check = [](std::string_view what, std::string_view text, std::size_t max,
                          TextKind kind = TextKind::line) {
        if (auto problem = text_problem(what, text, max, kind)) throw UsageError(*problem);
    };
    check("the title", item.title, k_max_short_text);
    check("the description", item.description, k_max_long_text, TextKind::multiline);
    for (const auto& speaker : item.speakers) {
        check("a speaker's name", speaker.name, k_max_short_text);
        check("a speaker's role", speaker.role, k_max_short_text);
        check("a speaker's organisation", speaker.organisation, k_max_short_text);
    }
    for (const auto& point : item.points) check("an agenda point", point, k_max_short_text);
    if (item.duration && *item.duration > k_max_duration) {
        throw UsageError(fmt::format("an agenda item lasts at most {} days",
                                     k_max_duration / std::chrono::days{1}));
    }
    if (item.start && (!within_years(*item.start) ||
                       (item.duration && !within_years(*item.start + *item.duration)))) {
        throw UsageError(fmt::format("an agenda item must lie between the years {} and {}",
                                     k_min_year, k_max_year));
    }
}

std::vector<std::string> timing_problems(const Event& event, const std::vector<AgendaItem>& items,
                                         std::optional<int> position) {
    std::vector<std::string> problems;
    const auto [begin, end] = event_bounds(event);
    const auto item_end = [](const AgendaItem& item) {
        return *item.start + item.duration.value_or(std::chrono::seconds{0});
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        if (!item.start || (position && item.position != *position)) continue;
        if (*item.start < begin) {
            problems.push_back(fmt::format("{} starts before the event", item_name(item)));
        } else if (*item.start >= end) {
            problems.push_back(fmt::format("{} starts after the event has ended", item_name(item)));
        } else if (item_end(item) > end) {
            problems.push_back(fmt::format("{} ends after the event", item_name(item)));
        }
        for (std::size_t j = 0; j < items.size(); ++j) {
            const auto& other = items[j];
            // Each pair once when checking everything; every partner of the one item otherwise.
            if (j == i || !other.start || (!position && j < i)) continue;
            if (*item.start < item_end(other) && *other.start < item_end(item)) {
                problems.push_back(
                    fmt::format("{} overlaps {}", item_name(item), item_name(other)));
            }
        }
    }
    return problems;
}

}  // namespace convene::domain
