#include "convene/domain/agenda.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/domain/time.hpp"
#include "convene/text/strings.hpp"

namespace convene::domain {

namespace {

using text::trim;

constexpr std::string_view k_speaker_hint =
    R"(write "NAME; ROLE; ORGANISATION"; \; is a ';' inside a field, \\ a backslash)";

Problem speaker_problem(std::string message) {
    return {"speakers", std::move(message), std::string(k_speaker_hint)};
}

std::string item_name(const AgendaItem& item) {
    return fmt::format("item {} ({})", item.position, item.title);
}

}  // namespace

Checked<Speaker> parse_speaker(std::string_view spec) {
    std::vector<std::string> fields(1);
    for (std::size_t i = 0; i < spec.size(); ++i) {
        const char c = spec[i];
        if (c == ';') {
            fields.emplace_back();
        } else if (c != '\\') {
            fields.back() += c;
        } else if (i + 1 == spec.size()) {
            // Most likely a shell quoting slip: the text meant to follow the backslash is gone.
            return speaker_problem(
                fmt::format("speaker '{}' ends with an unterminated '\\'", spec));
        } else if (spec[i + 1] == ';' || spec[i + 1] == '\\') {
            fields.back() += spec[++i];
        } else {
            return speaker_problem(
                fmt::format("speaker '{}': '\\{}' is not an escape", spec, spec[i + 1]));
        }
    }
    if (fields.size() > 3) {
        return speaker_problem(
            fmt::format("speaker '{}' has {} fields, at most 3", spec, fields.size()));
    }
    fields.resize(3);
    Speaker speaker{std::string(trim(fields[0])), std::string(trim(fields[1])),
                    std::string(trim(fields[2]))};
    if (speaker.name.empty()) {
        return speaker_problem(fmt::format("speaker '{}' has no name", spec));
    }
    return speaker;
}

std::optional<std::string> speaker_warning(std::string_view spec) {
    if (spec.find(';') != std::string_view::npos) return std::nullopt;
    std::string rewritten(spec);
    std::size_t commas = 0;
    for (std::size_t at = rewritten.find(','); at != std::string::npos && commas < 2;
         at = rewritten.find(',', at + 1)) {
        rewritten[at] = ';';
        ++commas;
    }
    if (commas < 2) return std::nullopt;
    return fmt::format(
        "speaker '{}' is stored as one name: its fields are separated by ';', as "
        "in \"{}\"",
        spec, rewritten);
}

Checked<std::string> parse_agenda_kind(std::string_view text) {
    if (text.empty()) return std::string();
    for (auto kind : k_agenda_kinds) {
        if (kind == text) return std::string(kind);
    }
    return Problem{"kind", fmt::format("unknown agenda item kind '{}'", text),
                   fmt::format("use {} (or '' for none)", fmt::join(k_agenda_kinds, ", "))};
}

std::pair<Instant, Instant> event_bounds(const Event& event) {
    if (!event.all_day) return {event.start, event.end};
    const auto& zone = known_zone(event.timezone);
    const auto midnight = [&](Date day) {
        // Local midnight can fall in a DST gap (some zones switch at 00:00): take the instant the
        // day really begins, which the zone's offset just after the gap gives.
        const auto local = date::local_seconds{day.time_since_epoch()};
        const auto info = zone.get_info(local);
        const auto offset =
            info.result == date::local_info::nonexistent ? info.second.offset : info.first.offset;
        return Instant{local.time_since_epoch() - offset};
    };
    return {midnight(event.start_date), midnight(event.end_date + date::days{1})};
}

Checked<Instant> parse_item_start(std::string_view text, const Event& event) {
    const auto base = event_bounds(event).first;
    if (!text.empty() && text.front() == '+') {
        const auto offset = text.substr(1);
        // "+0m" is the first item of a timed agenda; durations elsewhere must be positive.
        if (!offset.empty() && offset.front() == '0' &&
            offset.find_first_not_of("0dhms") == std::string_view::npos) {
            return base;
        }
        auto length = parse_duration(offset);
        if (!length) return Problem(length.problem()).about("start");
        return base + *length;
    }
    auto start = parse_end(text, base, known_zone(event.timezone));
    if (!start) return Problem(start.problem()).about("start");
    return start;
}

bool changes_calendar(const AgendaItem& before, const AgendaItem& after) {
    if (!before.start && !after.start) return false;  // untimed items are no VEVENTs
    return before.start != after.start || before.duration != after.duration ||
           before.title != after.title;
}

namespace {

// A text of an item that text_problem refuses, said of `field`.
std::optional<Problem> text_field(std::string field, std::string_view what, std::string_view value,
                                  std::size_t max, TextKind kind = TextKind::line) {
    if (auto problem = text_problem(what, value, max, kind)) {
        return Problem{std::move(field), std::move(*problem), {}};
    }
    return std::nullopt;
}

std::optional<Problem> validate_speaker(const Speaker& speaker, std::size_t index) {
    const auto field = [&](std::string_view name) {
        return fmt::format("speakers[{}].{}", index + 1, name);
    };
    if (trim(speaker.name).empty()) return Problem{field("name"), "a speaker needs a name", {}};
    if (auto p = text_field(field("name"), "a speaker's name", speaker.name, k_max_short_text)) {
        return p;
    }
    if (auto p = text_field(field("role"), "a speaker's role", speaker.role, k_max_short_text)) {
        return p;
    }
    return text_field(field("organisation"), "a speaker's organisation", speaker.organisation,
                      k_max_short_text);
}

std::optional<Problem> validate_point(std::string_view point, std::size_t index) {
    auto field = fmt::format("points[{}]", index + 1);
    if (trim(point).empty()) return Problem{field, "an agenda point must not be empty", {}};
    if (auto p = text_field(field, "an agenda point", point, k_max_short_text)) return p;
    if (auto problem = markdown_problem("an agenda point", point)) {
        return Problem{std::move(field), std::move(*problem), {}};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Problem> validate(const AgendaItem& item) {
    if (trim(item.title).empty()) return Problem{"title", "an agenda item needs a title", {}};
    if (auto p = text_field("title", "the title", item.title, k_max_short_text)) return p;
    if (auto p = text_field("description", "the description", item.description, k_max_long_text,
                            TextKind::markdown)) {
        return p;
    }
    for (std::size_t i = 0; i < item.speakers.size(); ++i) {
        if (auto problem = validate_speaker(item.speakers[i], i)) return problem;
    }
    for (std::size_t i = 0; i < item.points.size(); ++i) {
        if (auto problem = validate_point(item.points[i], i)) return problem;
    }
    if (item.duration && *item.duration > k_max_duration) {
        return Problem{"duration",
                       fmt::format("an agenda item lasts at most {} days",
                                   k_max_duration / std::chrono::days{1}),
                       {}};
    }
    if (item.start && (!within_years(*item.start) ||
                       (item.duration && !within_years(*item.start + *item.duration)))) {
        return Problem{"start",
                       fmt::format("an agenda item must lie between the years {} and {}",
                                   k_min_year, k_max_year),
                       {}};
    }
    return std::nullopt;
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

void add_unique_speaker(std::vector<Speaker>& speakers, const Speaker& speaker) {
    const auto same = [&](const Speaker& other) { return other.name == speaker.name; };
    if (std::none_of(speakers.begin(), speakers.end(), same)) speakers.push_back(speaker);
}

}  // namespace convene::domain
