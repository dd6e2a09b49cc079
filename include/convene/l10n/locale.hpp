#pragma once
// The language convene writes for people in: labels and sentences from the GNU gettext
// catalogs (po/*.po, text domain "convene"), dates, times, zone names, language names, lists
// and plurals from ICU. Program output (CSV/JSON keys) and error messages stay English.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/event.hpp"

namespace convene::l10n {

// The locales with a complete catalog, "en" first (the messages are written in English): the
// domain's list (domain::supported_locales), which the flags, event files and config check.
std::span<const std::string_view> supported_locales();

// The supported locale `tag` names ("fr", "fr-CA" and "FR" all give "fr"), or "" when none.
std::string supported_locale(std::string_view tag);

// A person's language when convene speaks it, else `fallback` (the event's locale).
std::string choose_locale(std::string_view preferred, std::string_view fallback);

// Where the compiled catalogs are: $CONVENE_LOCALEDIR, else beside the binary (the build
// folder's locale/), else the installed share/locale. Empty when none holds them.
std::string catalog_dir();

// Marks a catalog message that is looked up later (xgettext's keyword "msg").
constexpr const char* msg(const char* message) { return message; }

class Locale {
public:
    // `tag` must be supported; "" means "en".
    explicit Locale(std::string_view tag);

    const std::string& tag() const noexcept { return m_tag; }

    // The catalog's translation of `message` ("When:" → "Quand :"); `message` itself when
    // the catalog lacks it or the locale is English.
    std::string tr(const char* message) const;
    // A message holding an ICU plural pattern: "{count, plural, one {# session} other {#
    // sessions}}", translated, then formatted with the locale's plural rules.
    std::string plural(const char* message, std::int64_t count) const;

    // "April 13, 2022" / "13 avril 2022" / "13 de abril de 2022"
    std::string date(domain::Date day) const;
    // With its weekday, as a programme's day is headed: "Monday, April 11, 2022" / "lundi 11
    // avril 2022" / "lunes, 11 de abril de 2022"
    std::string weekday_date(domain::Date day) const;
    // "3:00 PM" / "15 h 00" / "15:00", in `zone` (an IANA name)
    std::string time(domain::Instant instant, std::string_view zone) const;
    // "Central European Summer Time" / "heure d’été d’Europe centrale", as of `instant`
    std::string zone_name(domain::Instant instant, std::string_view zone) const;
    // "UTC+02:00"
    std::string utc_offset(domain::Instant instant, std::string_view zone) const;
    // "French" / "français" for "fr"
    std::string language_name(std::string_view tag) const;
    // "a, b and c" / "a, b et c"
    std::string list(const std::vector<std::string>& items) const;

    // When an event happens, in `zone`: "13 avril 2022, 15 h 00 – 16 h 00 (heure d’été
    // d’Europe centrale)", both dates when it crosses midnight, the dates of an all-day event.
    std::string when(const domain::Event& event, std::string_view zone) const;
    // An agenda item's time: "15 h 00 – 15 h 20", "15 h 00" without a duration, the date
    // first when `with_date`.
    std::string span(domain::Instant start, const domain::Instant* end, std::string_view zone,
                     bool with_date) const;

private:
    std::string m_tag;
};

}  // namespace convene::l10n
