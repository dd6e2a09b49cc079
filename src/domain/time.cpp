#include "convene/domain/time.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/text/suggest.hpp"

namespace convene::domain {

using namespace std::chrono;

namespace {

// Reads exactly `width` digits at `pos`; advances pos on success.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    const char* first = text.data() + pos;
    auto [ptr, ec] = std::from_chars(first, first + width, value);
    if (ec != std::errc{} || ptr != first + width) return std::nullopt;
    pos += width;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::optional<Date> read_date(std::string_view text, std::size_t& pos) {
    auto y = read_digits(text, pos, 4);
    if (!y || !expect(text, pos, '-')) return std::nullopt;
    auto m = read_digits(text, pos, 2);
    if (!m || !expect(text, pos, '-')) return std::nullopt;
    auto d = read_digits(text, pos, 2);
    if (!d) return std::nullopt;
    const date::year_month_day ymd{date::year{*y}, date::month(static_cast<unsigned>(*m)),
                                   date::day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) return std::nullopt;
    return Date{ymd};
}

// HH:MM[:SS]
std::optional<seconds> read_time_of_day(std::string_view text, std::size_t& pos) {
    auto h = read_digits(text, pos, 2);
    if (!h || !expect(text, pos, ':')) return std::nullopt;
    auto m = read_digits(text, pos, 2);
    if (!m) return std::nullopt;
    int s = 0;
    if (expect(text, pos, ':')) {
        auto sec = read_digits(text, pos, 2);
        if (!sec) return std::nullopt;
        s = *sec;
    }
    if (*h > 23 || *m > 59 || s > 59) return std::nullopt;
    return hours{*h} + minutes{*m} + seconds{s};
}

// "Z", "+02:00", "+0200", "-05"
std::optional<seconds> read_offset(std::string_view text, std::size_t& pos) {
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) return seconds{0};
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto h = read_digits(text, pos, 2);
    if (!h) return std::nullopt;
    int m = 0;
    if (pos < text.size()) {
        expect(text, pos, ':');
        auto mm = read_digits(text, pos, 2);
        if (!mm) return std::nullopt;
        m = *mm;
    }
    if (*h > 14 || m > 59) return std::nullopt;
    return sign * (hours{*h} + minutes{m});
}

// "2025-10-26T02:30+01:00": the wall time written with one of the offsets it could have.
std::string with_offset(date::local_seconds wall, seconds offset) {
    const auto magnitude = duration_cast<minutes>(offset < seconds{0} ? -offset : offset).count();
    return fmt::format("{}{}{:02}:{:02}", date::format("%FT%R", wall),
                       offset < seconds{0} ? '-' : '+', magnitude / 60, magnitude % 60);
}

Checked<Instant> resolve_wall_time(date::local_seconds wall, const date::time_zone& zone,
                                   std::string_view text) {
    const auto info = zone.get_info(wall);
    switch (info.result) {
        case date::local_info::unique: return Instant{wall.time_since_epoch() - info.first.offset};
        case date::local_info::nonexistent:
            return Problem{{},
                           fmt::format("{} does not exist in {}: the clocks skip it (DST gap)",
                                       text, zone.name()),
                           fmt::format("give an explicit offset, e.g. {}, or a time outside "
                                       "the gap",
                                       with_offset(wall, info.first.offset))};
        case date::local_info::ambiguous:
            return Problem{{},
                           fmt::format("{} happens twice in {} (DST fold): it is ambiguous", text,
                                       zone.name()),
                           fmt::format("give an explicit offset: {} or {}",
                                       with_offset(wall, info.first.offset),
                                       with_offset(wall, info.second.offset))};
    }
    return Problem{{}, fmt::format("cannot place {} in {}", text, zone.name()), {}};
}

// Four-digit years only: iCalendar and every date format convene writes have them.
std::optional<Problem> year_problem(Date day, std::string_view text) {
    if (within_years(day)) return std::nullopt;
    return Problem{
        {}, fmt::format("the year of '{}' is outside {}–{}", text, k_min_year, k_max_year), {}};
}

// Reads 1 to `most` digits at `pos`.
std::optional<unsigned> read_number(std::string_view text, std::size_t& pos, std::size_t most) {
    std::size_t end = pos;
    while (end < text.size() && end - pos < most && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == pos) return std::nullopt;
    unsigned value = 0;
    std::from_chars(text.data() + pos, text.data() + end, value);
    pos = end;
    return value;
}

// " 15:00" from "15:00", "9:05" or "15:00:30" after a date written by hand; nullopt for
// anything else.
std::optional<std::string> rewritten_time(std::string_view text, std::size_t pos) {
    const auto hour = read_number(text, pos, 2);
    if (!hour || !expect(text, pos, ':')) return std::nullopt;
    const auto start = pos;
    const auto minute = read_number(text, pos, 2);
    if (!minute || pos - start != 2 || *hour > 23 || *minute > 59) return std::nullopt;
    std::string seconds;
    if (expect(text, pos, ':')) {
        const auto from = pos;
        if (!read_number(text, pos, 2) || pos - from != 2) return std::nullopt;
        seconds = std::string(text.substr(from - 1, 3));
    }
    if (pos != text.size()) return std::nullopt;
    return fmt::format(" {:02}:{:02}{}", *hour, *minute, seconds);
}

// A date as people write it by hand, day or month first ("13/04/2022", "4.5.2022 9:30"), in
// the form convene reads: both readings when either number could be the month. Empty when
// `text` is no such date (or has a time where `with_time` is false).
std::vector<std::string> rewritten_dates(std::string_view text, bool with_time) {
    std::size_t pos = 0;
    const auto first = read_number(text, pos, 2);
    if (!first || pos >= text.size()) return {};
    const char separator = text[pos];
    if (separator != '/' && separator != '.' && separator != '-') return {};
    ++pos;
    const auto second = read_number(text, pos, 2);
    if (!second || !expect(text, pos, separator)) return {};
    const auto year_start = pos;
    const auto year = read_number(text, pos, 4);
    if (!year || pos - year_start != 4) return {};
    std::string time;
    if (pos < text.size()) {
        if (!with_time || (text[pos] != ' ' && text[pos] != 'T')) return {};
        auto rewritten = rewritten_time(text, pos + 1);
        if (!rewritten) return {};
        time = *rewritten;
    }
    std::vector<std::string> readings;
    for (const auto& [day, month] : {std::pair{*first, *second}, std::pair{*second, *first}}) {
        const date::year_month_day ymd{date::year{static_cast<int>(*year)}, date::month(month),
                                       date::day(day)};
        auto reading = fmt::format("{:04}-{:02}-{:02}{}", *year, month, day, time);
        if (ymd.ok() && (readings.empty() || readings.front() != reading)) {
            readings.push_back(std::move(reading));
        }
    }
    return readings;
}

// "write it as 2022-04-13 15:00" for a date written by hand; `usual` otherwise.
std::string rewrite_hint(std::string_view text, bool with_time, std::string usual) {
    const auto readings = rewritten_dates(text, with_time);
    if (readings.size() == 1) return fmt::format("write it as {}", readings.front());
    if (readings.size() == 2) {
        return fmt::format("write it as {} (day first) or {} (month first)", readings[0],
                           readings[1]);
    }
    return usual;
}

Problem bad_datetime(std::string_view text) {
    return {{},
            fmt::format("invalid date-time '{}'", text),
            rewrite_hint(text, true,
                         "use 2022-04-13T15:00, 2022-04-13 15:00 or 2022-04-13T15:00+02:00")};
}

Problem bad_duration(std::string_view text) {
    return {
        {}, fmt::format("invalid duration '{}'", text), "use units d, h, m, s, e.g. 1h30m or 90m"};
}

}  // namespace

Checked<const date::time_zone*> find_zone(std::string_view name) {
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        auto hint = text::did_you_mean(name, zone_names());
        return Problem{{},
                       fmt::format("unknown time zone '{}'", name),
                       hint.empty() ? "use an IANA name such as Europe/Paris or UTC" : hint};
    }
}

const date::time_zone& known_zone(std::string_view name) {
    auto zone = find_zone(name);
    if (!zone) {
        // Not checked when a row is read: that would load the tz database for every command.
        throw StorageError(fmt::format("a stored time zone does not read back: '{}' is not in "
                                       "this system's tz database",
                                       name),
                           "install or update the tzdata package, or restore the database");
    }
    return **zone;
}

std::vector<std::string> zone_names() {
    const auto& db = date::get_tzdb();
    std::vector<std::string> names;
    // Read from the system's zoneinfo (USE_OS_TZDB), where links are zones of their own.
    names.reserve(db.zones.size());
    for (const auto& zone : db.zones) names.emplace_back(zone.name());
    std::sort(names.begin(), names.end());
    return names;
}

// date::current_zone() would load the whole time zone database (a stat of every file under
// /usr/share/zoneinfo) on every start, even for commands that never use a zone. The name
// alone is found the way it finds it: the target of the /etc/localtime link, else
// /etc/timezone; the zone is loaded when a command uses it.
std::string system_zone_name() {
    namespace fs = std::filesystem;
    constexpr std::string_view k_marker = "zoneinfo/";
    std::string name;
    std::error_code error;
    const auto target = fs::read_symlink("/etc/localtime", error).string();
    if (const auto at = target.rfind(k_marker); !error && at != std::string::npos) {
        name = target.substr(at + k_marker.size());
    } else if (std::ifstream file("/etc/timezone"); file) {
        std::getline(file, name);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.pop_back();
    }
    // A name the database does not know, or none at all: UTC, as before.
    if (name.empty() || name.find("..") != std::string::npos ||
        !fs::is_regular_file(fs::path("/usr/share/zoneinfo") / name, error)) {
        return "UTC";
    }
    return name;
}

Checked<Instant> parse_instant(std::string_view text, const date::time_zone& zone) {
    std::size_t pos = 0;
    auto day = read_date(text, pos);
    if (!day || !(expect(text, pos, 'T') || expect(text, pos, ' '))) return bad_datetime(text);
    if (auto problem = year_problem(*day, text)) return std::move(*problem);
    auto time_of_day = read_time_of_day(text, pos);
    if (!time_of_day) return bad_datetime(text);
    if (pos == text.size()) {
        return resolve_wall_time(date::local_seconds{day->time_since_epoch() + *time_of_day}, zone,
                                 text);
    }
    auto offset = read_offset(text, pos);
    if (!offset || pos != text.size()) return bad_datetime(text);
    return Instant{day->time_since_epoch() + *time_of_day - *offset};
}

Checked<Instant> parse_end(std::string_view text, Instant start, const date::time_zone& zone) {
    std::size_t pos = 0;
    if (auto time_of_day = read_time_of_day(text, pos); time_of_day && pos == text.size()) {
        const auto local_day = to_local(start, zone).day;
        return resolve_wall_time(date::local_seconds{local_day.time_since_epoch() + *time_of_day},
                                 zone, text);
    }
    return parse_instant(text, zone);
}

Checked<seconds> parse_time_of_day(std::string_view text, const char* field) {
    const auto digit = [&](std::size_t at) {
        return std::isdigit(static_cast<unsigned char>(text[at])) ? text[at] - '0' : -1;
    };
    if (text.size() == 5 && text[2] == ':') {
        const int d[] = {digit(0), digit(1), digit(3), digit(4)};
        const bool digits = std::all_of(std::begin(d), std::end(d), [](int x) { return x >= 0; });
        const int hours = d[0] * 10 + d[1];
        const int minutes = d[2] * 10 + d[3];
        if (digits && hours < 24 && minutes < 60) {
            return seconds{std::chrono::hours{hours} + std::chrono::minutes{minutes}};
        }
    }
    return Problem{field, fmt::format("'{}' is not a time of day", text),
                   "write it as HH:MM, e.g. 04:00"};
}

Checked<seconds> parse_duration(std::string_view text) {
    seconds total{0};
    std::size_t pos = 0;
    bool any = false;
    while (pos < text.size()) {
        long long value = 0;
        auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value);
        if (ec != std::errc{} || ptr == text.data() + text.size()) return bad_duration(text);
        pos = static_cast<std::size_t>(ptr - text.data());
        seconds unit{0};
        switch (text[pos++]) {
            case 'd': unit = days{1}; break;
            case 'h': unit = hours{1}; break;
            case 'm': unit = minutes{1}; break;
            case 's': unit = seconds{1}; break;
            default: return bad_duration(text);
        }
        // Checked before multiplying, so that no value overflows into a garbage date.
        if (value < 0) {
            return Problem{{},
                           fmt::format("invalid duration '{}'", text),
                           "a duration is positive, e.g. 1h30m or 90m"};
        }
        if (value > k_max_duration / unit || total + value * unit > k_max_duration) {
            return Problem{
                {},
                fmt::format("duration '{}' is longer than {} days", text, k_max_duration / days{1}),
                {}};
        }
        total += value * unit;
        any = true;
    }
    if (!any || total <= seconds{0}) {
        return Problem{{},
                       fmt::format("invalid duration '{}'", text),
                       "a duration is positive, e.g. 1h30m or 90m"};
    }
    return total;
}

Checked<Date> parse_date(std::string_view text) {
    std::size_t pos = 0;
    auto day = read_date(text, pos);
    if (!day || pos != text.size()) {
        return Problem{{},
                       fmt::format("invalid date '{}'", text),
                       rewrite_hint(text, false, "use YYYY-MM-DD")};
    }
    if (auto problem = year_problem(*day, text)) return std::move(*problem);
    return *day;
}

std::string format_date(Date day) { return date::format("%F", day); }

// Called once or twice per row of `list attendees`: digits written by hand, where
// date::format would set up an ostringstream (and take the locale's lock) for each one.
void append_utc(std::string& out, Instant instant) {
    const auto day = floor<days>(instant);
    const date::year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) {
        out += date::format("%FT%TZ", instant);
        return;
    }
    auto second_of_day = static_cast<unsigned>((instant - day).count());
    char text[] = "0000-00-00T00:00:00Z";
    const auto put = [&](std::size_t at, unsigned value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10) text[at + i] = char('0' + value % 10);
    };
    put(0, static_cast<unsigned>(year), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, second_of_day / 3600, 2);
    second_of_day %= 3600;
    put(14, second_of_day / 60, 2);
    put(17, second_of_day % 60, 2);
    out.append(text, sizeof text - 1);
}

std::string format_utc(Instant instant) {
    std::string out;
    append_utc(out, instant);
    return out;
}

LocalTime to_local(Instant instant, const date::time_zone& zone) {
    const auto info = zone.get_info(instant);
    const auto local = instant.time_since_epoch() + info.offset;
    const auto day = floor<days>(local);
    return LocalTime{Date{day}, local - day, info.abbrev, info.offset};
}

std::string format_iso_local(Instant instant, const date::time_zone& zone) {
    const auto local = to_local(instant, zone);
    const auto offset_minutes = duration_cast<minutes>(local.offset).count();
    const char sign = offset_minutes < 0 ? '-' : '+';
    const auto magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return fmt::format("{}T{}{}{:02}:{:02}", format_date(local.day),
                       date::format("%T", local.time_of_day), sign, magnitude / 60, magnitude % 60);
}

std::string format_date_range(Date first, Date last_inclusive) {
    if (first == last_inclusive) return format_date(first);
    return fmt::format("{} – {}", format_date(first), format_date(last_inclusive));
}

std::int64_t rounded_minutes(std::chrono::seconds time) {
    return static_cast<std::int64_t>((time.count() + 30) / 60);
}

}  // namespace convene::domain
