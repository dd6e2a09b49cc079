// Reading platforms' times: a pattern is matched field by field into a date, a time of day and
// maybe an offset, which domain::parse_instant then turns into an instant, so that wall times
// meet the same DST rules as every other time convene reads.
#include "convene/io/platform_time.hpp"

#include <array>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/time.hpp"
#include "convene/text/strings.hpp"

namespace convene::io {

namespace {

constexpr std::array<std::string_view, 12> k_months{
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

struct Fields {
    int year{0};
    int month{0};
    int day{0};
    int hour{0};
    int minute{0};
    int second{0};
    std::optional<bool> pm;             // with %p
    std::optional<int> offset_minutes;  // with %z
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Between `least` and `most` digits at `pos`.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t least,
                               std::size_t most) {
    int value = 0;
    std::size_t count = 0;
    while (count < most && pos < text.size() && is_digit(text[pos])) {
        value = value * 10 + (text[pos++] - '0');
        ++count;
    }
    if (count < least) return std::nullopt;
    return value;
}

// `word` at `pos`, without case.
bool read_word(std::string_view text, std::size_t& pos, std::string_view word) {
    if (text.size() - pos < word.size()) return false;
    if (text::lowercase_ascii(text.substr(pos, word.size())) != word) return false;
    pos += word.size();
    return true;
}

std::optional<int> read_month_name(std::string_view text, std::size_t& pos) {
    for (std::size_t i = 0; i < k_months.size(); ++i) {
        // The whole name first, so that "May" and "March" are not read as three letters only.
        if (read_word(text, pos, k_months[i]) || read_word(text, pos, k_months[i].substr(0, 3))) {
            return static_cast<int>(i) + 1;
        }
    }
    return std::nullopt;
}

// "+02:00", "+0200", "+02", "+2" (after UTC or GMT): minutes east of UTC.
std::optional<int> read_signed_offset(std::string_view text, std::size_t& pos, bool short_hours) {
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
    const int sign = text[pos++] == '-' ? -1 : 1;
    const auto hours = read_number(text, pos, short_hours ? 1 : 2, 2);
    if (!hours || *hours > 14) return std::nullopt;
    int minutes = 0;
    if (pos < text.size() && (text[pos] == ':' || is_digit(text[pos]))) {
        if (text[pos] == ':') ++pos;
        const auto read = read_number(text, pos, 2, 2);
        if (!read || *read > 59) return std::nullopt;
        minutes = *read;
    }
    return sign * (*hours * 60 + minutes);
}

std::optional<int> read_zone(std::string_view text, std::size_t& pos) {
    if (read_word(text, pos, "z")) return 0;
    if (read_word(text, pos, "utc") || read_word(text, pos, "gmt")) {
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
            return read_signed_offset(text, pos, true);
        }
        return 0;
    }
    return read_signed_offset(text, pos, false);
}

// One directive of the pattern at `pos` of the text; false when the text does not fit it.
bool read_directive(char directive, std::string_view text, std::size_t& pos, Fields& fields) {
    const auto set = [](int& field, std::optional<int> value) {
        if (value) field = *value;
        return value.has_value();
    };
    switch (directive) {
        case 'Y': return set(fields.year, read_number(text, pos, 4, 4));
        case 'y':
            if (!set(fields.year, read_number(text, pos, 2, 2))) return false;
            fields.year += 2000;
            return true;
        case 'm': return set(fields.month, read_number(text, pos, 1, 2));
        case 'b': return set(fields.month, read_month_name(text, pos));
        case 'd': return set(fields.day, read_number(text, pos, 1, 2));
        case 'H':
        case 'I': return set(fields.hour, read_number(text, pos, 1, 2));
        case 'M': return set(fields.minute, read_number(text, pos, 2, 2));
        case 'S': return set(fields.second, read_number(text, pos, 2, 2));
        case 'f':
            if (pos + 1 < text.size() && (text[pos] == '.' || text[pos] == ',') &&
                is_digit(text[pos + 1])) {
                ++pos;
                while (pos < text.size() && is_digit(text[pos])) ++pos;
            }
            return true;
        case 'p':
            if (read_word(text, pos, "am")) {
                fields.pm = false;
            } else if (read_word(text, pos, "pm")) {
                fields.pm = true;
            }
            return fields.pm.has_value();
        case 'z':
            fields.offset_minutes = read_zone(text, pos);
            return fields.offset_minutes.has_value();
    }
    return false;
}

std::optional<Fields> match(std::string_view format, std::string_view text) {
    Fields fields;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size()) {
            if (!read_directive(format[++i], text, pos, fields)) return std::nullopt;
        } else if (format[i] == ' ') {
            if (pos >= text.size() || text[pos] != ' ') return std::nullopt;
            while (pos < text.size() && text[pos] == ' ') ++pos;
        } else if (pos >= text.size() || text[pos++] != format[i]) {
            return std::nullopt;
        }
    }
    if (pos != text.size()) return std::nullopt;
    return fields;
}

// The fields as domain::parse_instant reads them: "2022-04-04T09:14:03" and an offset when
// the text had one. Empty when a field is out of range (a 13th month, 13 PM).
std::optional<std::string> iso_text(Fields fields) {
    if (fields.pm) {
        if (fields.hour < 1 || fields.hour > 12) return std::nullopt;
        fields.hour = fields.hour % 12 + (*fields.pm ? 12 : 0);
    }
    const date::year_month_day day{date::year{fields.year},
                                   date::month{static_cast<unsigned>(fields.month)},
                                   date::day{static_cast<unsigned>(fields.day)}};
    if (!day.ok() || fields.hour > 23 || fields.minute > 59 || fields.second > 59) {
        return std::nullopt;
    }
    auto text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", fields.year, fields.month,
                            fields.day, fields.hour, fields.minute, fields.second);
    if (fields.offset_minutes) {
        const int offset = *fields.offset_minutes;
        const int magnitude = offset < 0 ? -offset : offset;
        text +=
            fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    }
    return text;
}

}  // namespace

domain::Checked<domain::Instant> parse_platform_time(std::string_view text,
                                                     const std::vector<std::string_view>& formats,
                                                     const date::time_zone& zone) {
    for (const auto format : formats) {
        const auto fields = match(format, text);
        if (!fields) continue;
        if (const auto iso = iso_text(*fields)) return domain::parse_instant(*iso, zone);
    }
    std::vector<std::string> examples;
    for (const auto format : formats) examples.push_back(time_example(format));
    return domain::Problem{
        {},
        fmt::format("'{}' is not a time as the platform writes it", text),
        fmt::format("accepted, for 13 April 2022 at 15:00: {}", fmt::join(examples, ", "))};
}

std::string time_example(std::string_view format) {
    std::string example;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            example += format[i];
            continue;
        }
        switch (format[++i]) {
            case 'Y': example += "2022"; break;
            case 'y': example += "22"; break;
            case 'm': example += "04"; break;
            case 'b': example += "Apr"; break;
            case 'd': example += "13"; break;
            case 'H': example += "15"; break;
            case 'I': example += "3"; break;
            case 'M':
            case 'S': example += "00"; break;
            case 'p': example += "PM"; break;
            case 'z': example += "+02:00"; break;
            case 'f': break;
            default: example += format.substr(i - 1, 2);
        }
    }
    return example;
}

}  // namespace convene::io
