#include "convene/export/ics_values.hpp"

#include <iterator>

#include <fmt/format.h>

namespace convene::ics {

// UTC and local DATE-TIME share the digits; only the Z tells them apart (RFC 5545 §3.3.5).
void append_local_date_time(std::string& out, date::local_seconds wall_time) {
    const auto day = date::floor<date::days>(wall_time);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> time{wall_time - day};
    fmt::format_to(std::back_inserter(out), "{:04}{:02}{:02}T{:02}{:02}{:02}",
                   static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day()), time.hours().count(), time.minutes().count(),
                   time.seconds().count());
}

void append_utc_date_time(std::string& out, domain::Instant instant) {
    append_local_date_time(out, date::local_seconds{instant.time_since_epoch()});
    out += 'Z';
}

void append_local_date_time(std::string& out, domain::Instant instant,
                            const date::time_zone& zone) {
    append_local_date_time(out, zone.to_local(instant));
}

void append_date(std::string& out, domain::Date day) {
    const date::year_month_day ymd{day};
    fmt::format_to(std::back_inserter(out), "{:04}{:02}{:02}", static_cast<int>(ymd.year()),
                   static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

void append_utc_offset(std::string& out, std::chrono::seconds offset) {
    out += offset < std::chrono::seconds::zero() ? '-' : '+';
    const date::hh_mm_ss<std::chrono::seconds> magnitude{
        offset < std::chrono::seconds::zero() ? -offset : offset};
    fmt::format_to(std::back_inserter(out), "{:02}{:02}", magnitude.hours().count(),
                   magnitude.minutes().count());
    // Seconds only when needed: RFC 5545 allows them, but some clients choke on them.
    if (magnitude.seconds().count() != 0)
        fmt::format_to(std::back_inserter(out), "{:02}", magnitude.seconds().count());
}

}  // namespace convene::ics
