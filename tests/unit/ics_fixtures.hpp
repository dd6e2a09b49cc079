#pragma once
// Events for the iCalendar unit tests: the seed briefing (13 April 2022, 15:00–16:00
// Europe/Paris, online) and the three-day peer-learning event it is part of.
#include <string>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"

namespace convene::test {

inline domain::Instant utc(date::year_month_day day,
                           std::chrono::seconds time = std::chrono::seconds{0}) {
    return date::sys_days{day} + time;
}

inline domain::Event seed_parent() {
    domain::Event event;
    event.id = 1;
    event.slug = "peer-learning-2022";
    event.uid = "parent@convene.test";
    event.title = "Migrations et déplacements en contexte de crise";
    event.timezone = "Europe/Paris";
    event.all_day = true;
    event.start_date = date::year{2022} / 4 / 11;
    event.end_date = date::year{2022} / 4 / 13;
    event.created_at = event.updated_at = utc(date::year{2022} / 3 / 1);
    return event;
}

inline domain::Event seed_briefing() {
    using namespace std::chrono_literals;
    domain::Event event;
    event.id = 2;
    event.slug = "imrf-briefing";
    event.uid = "briefing@convene.test";
    event.title = "Séance d'information (IMRF)";
    event.description = "Ce briefing vise à informer.\nDeuxième ligne; avec, ponctuation.";
    event.timezone = "Europe/Paris";
    event.start = utc(date::year{2022} / 4 / 13, 13h);
    event.end = utc(date::year{2022} / 4 / 13, 14h);
    event.online_url = "https://example.org/imrf";
    event.registration_url = "https://example.org/imrf/register";
    event.languages = {"en", "fr", "es"};
    event.organisers = {"Mayors Mechanism", "CGLU"};
    event.parent_id = 1;
    event.created_at = utc(date::year{2022} / 3 / 1);
    event.updated_at = utc(date::year{2022} / 3 / 2);
    return event;
}

inline domain::AgendaItem agenda_item(std::int64_t id, int position, std::string title) {
    domain::AgendaItem item;
    item.id = id;
    item.event_id = 2;
    item.position = position;
    item.title = std::move(title);
    return item;
}

// RFC 5545 §3.1 unfolding, so that expected texts need not repeat the writer's fold points.
inline std::string unfold(const std::string& folded) {
    std::string result;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        result += folded[i];
    }
    return result;
}

// "DTSTAMP" of every test export: 2023-11-14T22:13:20Z, the e2e tests' SOURCE_DATE_EPOCH.
inline const domain::Instant k_stamp{std::chrono::seconds{1700000000}};

}  // namespace convene::test
