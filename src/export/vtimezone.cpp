#include "convene/export/vtimezone.hpp"

#include <stdexcept>

#include "convene/export/ics_values.hpp"

namespace convene::ics {
namespace {

// date-tz reports the period before a zone's first transition as starting near year -32767;
// no calendar can use that as a DTSTART.
constexpr auto k_earliest_transition = date::sys_days{date::year{1800} / 1 / 1};
constexpr auto k_unchanging_start = date::sys_days{date::year{1970} / 1 / 1};

date::year year_of(domain::Instant instant) {
    return date::year_month_day{std::chrono::floor<date::days>(instant)}.year();
}

Observance observance_of(const date::sys_info& period, std::chrono::seconds offset_from) {
    return Observance{
        .daylight = period.save != std::chrono::minutes::zero(),
        .start = std::chrono::floor<std::chrono::seconds>(period.begin),
        .offset_from = offset_from,
        .offset_to = period.offset,
        .name = period.abbrev,
    };
}

}  // namespace

std::vector<Observance> observances(const date::time_zone& zone, domain::Instant first,
                                    domain::Instant last) {
    if (last < first) throw std::invalid_argument("VTIMEZONE range ends before it starts");
    const domain::Instant year_start = date::sys_days{year_of(first) / 1 / 1};
    const domain::Instant year_end =
        date::sys_days{(year_of(last) + date::years{1}) / 1 / 1} - std::chrono::seconds{1};
    std::vector<Observance> result;
    date::sys_info period = zone.get_info(year_start);
    if (period.begin < k_earliest_transition) {
        result.push_back(observance_of(period, period.offset));
        result.back().start = k_unchanging_start;
    } else {
        const auto before = zone.get_info(period.begin - std::chrono::seconds{1});
        result.push_back(observance_of(period, before.offset));
    }
    while (period.end <= year_end) {
        const auto next = zone.get_info(period.end);
        result.push_back(observance_of(next, period.offset));
        period = next;
    }
    return result;
}

void write_vtimezone(Writer& writer, const date::time_zone& zone, domain::Instant first,
                     domain::Instant last) {
    std::string value;  // one per zone, not per line: zones are few
    writer.begin("VTIMEZONE");
    writer.property("TZID", zone.name());
    for (const Observance& observance : observances(zone, first, last)) {
        const std::string_view kind = observance.daylight ? "DAYLIGHT" : "STANDARD";
        writer.begin(kind);
        // DTSTART is the wall time of the transition in the offset it leaves (RFC 5545 §3.6.5).
        value.clear();
        const auto wall_time = observance.start + observance.offset_from;
        append_local_date_time(value, date::local_seconds{wall_time.time_since_epoch()});
        writer.property("DTSTART", value);
        value.clear();
        append_utc_offset(value, observance.offset_from);
        writer.property("TZOFFSETFROM", value);
        value.clear();
        append_utc_offset(value, observance.offset_to);
        writer.property("TZOFFSETTO", value);
        writer.text("TZNAME", observance.name);
        writer.end(kind);
    }
    writer.end("VTIMEZONE");
}

}  // namespace convene::ics
