// ics_sample: writes a calendar through convene's iCalendar writer with the cases parsers get
// wrong (DST transitions in both hemispheres, a zone without DST, all-day, long UTF-8 text), so
// the validators can check the writer's output against known UTC instants.
#include <iostream>
#include <string>

#include <date/tz.h>

#include "convene/export/ics_writer.hpp"
#include "convene/export/vtimezone.hpp"

namespace {

using convene::domain::Instant;
using namespace std::chrono_literals;

Instant utc(date::year_month_day day, std::chrono::seconds time) {
    return date::sys_days{day} + time;
}

void timed_event(convene::ics::Writer& writer, const std::string& uid, const date::time_zone& zone,
                 Instant start, Instant end, const std::string& summary) {
    writer.begin("VEVENT");
    writer.property("UID", uid);
    writer.utc_date_time("DTSTAMP", utc(date::year{2025} / 1 / 1, 0s));
    writer.local_date_time("DTSTART", start, zone);
    writer.local_date_time("DTEND", end, zone);
    writer.text("SUMMARY", summary);
    writer.end("VEVENT");
}

}  // namespace

int main() {
    using date::year;
    const auto& paris = *date::locate_zone("Europe/Paris");
    const auto& auckland = *date::locate_zone("Pacific/Auckland");
    const auto& tokyo = *date::locate_zone("Asia/Tokyo");

    convene::ics::Writer writer(std::cout);
    writer.begin("VCALENDAR");
    writer.property("VERSION", "2.0");
    writer.text("PRODID", "-//convene//ics_sample//EN");

    const Instant paris_first = utc(year{2025} / 3 / 30, 30min);
    const Instant paris_last = utc(year{2025} / 10 / 26, 9h);
    const Instant auckland_first = utc(year{2025} / 4 / 5, 12h);
    const Instant auckland_last = utc(year{2025} / 9 / 27, 21h);
    const Instant tokyo_first = utc(year{2025} / 6 / 1, 1h);
    convene::ics::write_vtimezone(writer, paris, paris_first, paris_last);
    convene::ics::write_vtimezone(writer, auckland, auckland_first, auckland_last);
    convene::ics::write_vtimezone(writer, tokyo, tokyo_first, tokyo_first + 1h);

    timed_event(
        writer, "paris-spring@convene.test", paris, paris_first,
        utc(year{2025} / 3 / 30, 1h + 30min),
        "Nuit du passage à l'heure d'été, café ☕ et croissants 🥐 pour tout le monde");
    timed_event(
        writer, "paris-autumn@convene.test", paris, utc(year{2025} / 10 / 25, 22h), paris_last,
        "Retour à l'heure d'hiver; «atelier» : 👨‍👩‍👧‍👦 familles, enfants, "
        "grands-parents bienvenus");
    timed_event(writer, "auckland-april@convene.test", auckland, auckland_first,
                utc(year{2025} / 4 / 6, 0h), "Daylight saving ends in Aotearoa");
    timed_event(writer, "auckland-september@convene.test", auckland, utc(year{2025} / 9 / 27, 20h),
                auckland_last, "Daylight saving starts");
    timed_event(writer, "tokyo@convene.test", tokyo, tokyo_first, tokyo_first + 1h,
                "東京での会議、日本標準時");

    writer.begin("VEVENT");
    writer.property("UID", "utc@convene.test");
    writer.utc_date_time("DTSTAMP", utc(year{2025} / 1 / 1, 0s));
    writer.utc_date_time("DTSTART", utc(year{2022} / 4 / 13, 13h));
    writer.utc_date_time("DTEND", utc(year{2022} / 4 / 13, 14h));
    writer.text("SUMMARY", "UTC, with a URL");
    writer.uri("URL", "https://example.org/events/42?lang=fr&track=a,b;c");
    writer.end("VEVENT");

    writer.begin("VEVENT");
    writer.property("UID", "all-day@convene.test");
    writer.utc_date_time("DTSTAMP", utc(year{2025} / 1 / 1, 0s));
    writer.date_value("DTSTART", year{2022} / 4 / 11);
    writer.date_value("DTEND", year{2022} / 4 / 12);
    writer.text("SUMMARY", "All day");
    writer.end("VEVENT");

    writer.end("VCALENDAR");
    return std::cout ? 0 : 1;
}
