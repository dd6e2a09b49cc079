#include "convene/l10n/locale.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <unicode/dtitvfmt.h>
#include <unicode/dtptngen.h>
#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include "convene/domain/time.hpp"
#include "gettext_lookup.hpp"

namespace convene::l10n {

namespace {

namespace fs = std::filesystem;

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

icu::UnicodeString from_utf8(std::string_view text) {
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

void check(UErrorCode status, std::string_view what) {
    if (U_FAILURE(status)) {
        throw std::runtime_error(fmt::format("ICU could not {}: {}", what, u_errorName(status)));
    }
}

UDate to_udate(domain::Instant instant) {
    return static_cast<UDate>(instant.time_since_epoch().count()) * 1000.0;
}

// The date format for an ICU pattern, or a CLDR skeleton when `skeleton`, in `zone`: made
// once per process and kept, since loading a locale's patterns costs far more than formatting
// (a programme of 500 sessions formats a thousand times). convene formats from one thread.
const icu::SimpleDateFormat& date_format(const icu::Locale& locale, std::string_view pattern,
                                         bool skeleton, std::string_view zone) {
    static std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>, std::less<>> formats;
    const auto key =
        fmt::format("{}\x1f{}\x1f{}\x1f{}", locale.getName(), pattern, skeleton ? 's' : 'p', zone);
    if (const auto found = formats.find(key); found != formats.end()) return *found->second;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString icu_pattern = from_utf8(pattern);
    if (skeleton) {
        std::unique_ptr<icu::DateTimePatternGenerator> generator(
            icu::DateTimePatternGenerator::createInstance(locale, status));
        check(status, "load date patterns");
        icu_pattern = generator->getBestPattern(icu_pattern, status);
        check(status, "find a date pattern");
    }
    auto format = std::make_unique<icu::SimpleDateFormat>(icu_pattern, locale, status);
    check(status, "make a date format");
    format->adoptTimeZone(icu::TimeZone::createTimeZone(from_utf8(zone)));
    return *formats.emplace(key, std::move(format)).first->second;
}

// Formats `instant` in `zone` with an ICU pattern, or a CLDR skeleton when `skeleton`.
std::string format_instant(const icu::Locale& locale, std::string_view pattern, bool skeleton,
                           domain::Instant instant, std::string_view zone) {
    icu::UnicodeString out;
    date_format(locale, pattern, skeleton, zone).format(to_udate(instant), out);
    return to_utf8(out);
}

// ICU's locale for a tag with a region ("en-GB"): the region is what ICU decides by, the
// clock among other things.
icu::Locale icu_locale(const std::string& tag) {
    UErrorCode status = U_ZERO_ERROR;
    auto locale = icu::Locale::forLanguageTag(tag, status);
    check(status, "read a locale");
    return locale;
}

UDate midnight_utc(domain::Date day) {
    return static_cast<UDate>(
               std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count()) *
           1000.0;
}

// "11–13 avril 2022", "April 11 – 13, 2022", "11 April – 2 May 2022": ICU's interval formats
// (CLDR), which write once what both dates share, as each language does.
std::string date_range(const icu::Locale& locale, domain::Date first, domain::Date last) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateIntervalFormat> format(
        icu::DateIntervalFormat::createInstance(icu::UnicodeString("yMMMMd"), locale, status));
    check(status, "make a date interval format");
    // The dates are days, not instants: read at midnight UTC, written in UTC.
    format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    const icu::DateInterval interval(midnight_utc(first), midnight_utc(last));
    icu::UnicodeString out;
    icu::FieldPosition position;
    format->format(&interval, out, position, status);
    check(status, "format a date interval");
    return to_utf8(out);
}

// A translated fmt pattern with named fields; a catalog entry with broken fields falls back
// to the English pattern rather than failing a whole page.
template <typename... Args>
std::string fill(const Locale& locale, const char* message, const Args&... args) {
    try {
        return fmt::format(fmt::runtime(locale.tr(message)), args...);
    } catch (const fmt::format_error&) {
        return fmt::format(fmt::runtime(message), args...);
    }
}

}  // namespace

std::span<const std::string_view> supported_locales() { return domain::supported_locales(); }

std::string supported_locale(std::string_view tag) { return domain::supported_locale(tag); }

std::string choose_locale(std::string_view preferred, std::string_view fallback) {
    auto chosen = supported_locale(preferred);
    const auto fallback_language = supported_locale(fallback);
    // A person who speaks the event's language reads it as the event writes it: an en-GB
    // event's letters keep its 24-hour clock for someone who registered in "en".
    if (chosen.empty() || chosen == fallback_language) {
        if (auto full = domain::parse_locale(fallback); full.ok()) return *full;
    }
    return chosen.empty() ? "en" : chosen;
}

std::string catalog_dir() {
    const auto holds_catalogs = [](const fs::path& dir) {
        std::error_code error;
        return fs::exists(dir / "fr" / "LC_MESSAGES" / "convene.mo", error);
    };
    if (const char* dir = std::getenv("CONVENE_LOCALEDIR"); dir && *dir) return dir;
    std::error_code error;
    const auto exe = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto bin = exe.parent_path();
        // The build folder (binary or tests/ runner), then an installed tree.
        for (const auto& dir : {bin / "locale", bin.parent_path() / "locale",
                                bin.parent_path() / "share" / "locale"}) {
            if (holds_catalogs(dir)) return dir.string();
        }
    }
#ifdef CONVENE_INSTALL_LOCALEDIR
    if (holds_catalogs(CONVENE_INSTALL_LOCALEDIR)) return CONVENE_INSTALL_LOCALEDIR;
#endif
    return {};
}

Locale::Locale(std::string_view tag) {
    if (tag.empty()) tag = "en";
    auto parsed = domain::parse_locale(tag);  // the region kept: "en-GB"
    if (!parsed) throw std::invalid_argument(fmt::format("unsupported locale '{}'", tag));
    m_tag = *std::move(parsed);
}

std::string Locale::tr(const char* message) const {
    // One catalog per language: en-GB and en-US read the same words.
    const auto language = supported_locale(m_tag);
    if (language == "en") return message;
    return gettext_lookup(language, message);
}

std::string Locale::plural(const char* message, std::int64_t count) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(from_utf8(tr(message)), icu_locale(m_tag), status);
    if (U_FAILURE(status)) {
        status = U_ZERO_ERROR;
        format.applyPattern(from_utf8(message), status);
        check(status, "read a plural message");
    }
    const icu::UnicodeString names[] = {icu::UnicodeString::fromUTF8("count")};
    const icu::Formattable values[] = {icu::Formattable(static_cast<int64_t>(count))};
    icu::UnicodeString out;
    format.format(names, values, 1, out, status);
    check(status, "format a plural message");
    return to_utf8(out);
}

std::string Locale::date(domain::Date day) const {
    return format_instant(
        icu_locale(m_tag), "yMMMMd", true,
        domain::Instant{std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch())},
        "UTC");
}

std::string Locale::weekday_date(domain::Date day) const {
    return format_instant(
        icu_locale(m_tag), "yMMMMEEEEd", true,
        domain::Instant{std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch())},
        "UTC");
}

std::string Locale::time(domain::Instant instant, std::string_view zone) const {
    // Translators may replace the CLDR skeleton "jmm" by an ICU pattern: French typography
    // writes "15 h 00" where CLDR's fr has "15:00".
    const std::string pattern = tr("jmm");
    return format_instant(icu_locale(m_tag), pattern, pattern == "jmm", instant, zone);
}

std::string Locale::zone_name(domain::Instant instant, std::string_view zone) const {
    return format_instant(icu_locale(m_tag), "zzzz", false, instant, zone);
}

std::string Locale::utc_offset(domain::Instant instant, std::string_view zone) const {
    const auto offset = domain::to_local(instant, domain::known_zone(zone)).offset;
    const auto minutes = std::abs(offset.count()) / 60;
    return fmt::format("UTC{}{:02}:{:02}", offset.count() < 0 ? '-' : '+', minutes / 60,
                       minutes % 60);
}

std::string Locale::language_name(std::string_view tag) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::StringPiece piece(tag.data(), static_cast<int32_t>(tag.size()));
    const auto language = icu::Locale::forLanguageTag(piece, status);
    if (U_FAILURE(status) || language.isBogus()) return std::string(tag);
    icu::UnicodeString name;
    language.getDisplayName(icu_locale(m_tag), name);
    return name.isEmpty() ? std::string(tag) : to_utf8(name);
}

std::string Locale::list(const std::vector<std::string>& items) const {
    // Made once per locale and kept, as date formats are.
    static std::map<std::string, std::unique_ptr<icu::ListFormatter>, std::less<>> formats;
    UErrorCode status = U_ZERO_ERROR;
    auto& format = formats[m_tag];
    if (!format) {
        format.reset(icu::ListFormatter::createInstance(icu_locale(m_tag), status));
        check(status, "make a list format");
    }
    std::vector<icu::UnicodeString> texts;
    texts.reserve(items.size());
    for (const auto& item : items) texts.push_back(from_utf8(item));
    icu::UnicodeString out;
    format->format(texts.data(), static_cast<int32_t>(texts.size()), out, status);
    check(status, "format a list");
    return to_utf8(out);
}

std::string Locale::when(const domain::Event& event, std::string_view zone) const {
    if (event.all_day) {
        if (event.start_date == event.end_date) return date(event.start_date);
        return date_range(icu_locale(m_tag), event.start_date, event.end_date);
    }
    const auto& tz = domain::known_zone(zone);
    const auto from = domain::to_local(event.start, tz);
    const auto to = domain::to_local(event.end, tz);
    if (from.day == to.day) {
        return fill(*this, "{date}, {start} – {end} ({zone})", fmt::arg("date", date(from.day)),
                    fmt::arg("start", time(event.start, zone)),
                    fmt::arg("end", time(event.end, zone)),
                    fmt::arg("zone", zone_name(event.start, zone)));
    }
    return fill(*this, "{start_date}, {start} – {end_date}, {end} ({zone})",
                fmt::arg("start_date", date(from.day)), fmt::arg("start", time(event.start, zone)),
                fmt::arg("end_date", date(to.day)), fmt::arg("end", time(event.end, zone)),
                fmt::arg("zone", zone_name(event.start, zone)));
}

std::string Locale::span(domain::Instant start, const domain::Instant* end, std::string_view zone,
                         bool with_date) const {
    std::string text = time(start, zone);
    if (end)
        text = fill(*this, "{first} – {last}", fmt::arg("first", text),
                    fmt::arg("last", time(*end, zone)));
    if (!with_date) return text;
    const auto day = domain::to_local(start, domain::known_zone(zone)).day;
    return fill(*this, "{date}, {time}", fmt::arg("date", date(day)), fmt::arg("time", text));
}

}  // namespace convene::l10n
