// The event page as JSON: every stored field, times in UTC and in each requested zone.
#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"

namespace convene::page {

namespace {

using nlohmann::json;

json times(const domain::Event& event, const std::vector<std::string>& zones) {
    json result = json::array();
    for (const auto& name : zones) {
        const auto& zone = domain::known_zone(name);
        result.push_back({{"timezone", name},
                          {"start", domain::format_iso_local(event.start, zone)},
                          {"end", domain::format_iso_local(event.end, zone)},
                          {"abbreviation", domain::to_local(event.start, zone).abbrev},
                          {"text", when(event, name)}});
    }
    return result;
}

json summary(const domain::Event& event) {
    json result = {{"id", event.id},
                   {"slug", event.slug},
                   {"title", event.title},
                   {"all_day", event.all_day},
                   {"timezone", event.timezone}};
    if (event.all_day) {
        result["start_date"] = domain::format_date(event.start_date);
        result["end_date"] = domain::format_date(event.end_date);
    } else {
        result["start"] = domain::format_utc(event.start);
        result["end"] = domain::format_utc(event.end);
    }
    return result;
}

json agenda_item(const domain::AgendaItem& item) {
    json speakers = json::array();
    for (const auto& s : item.speakers) {
        speakers.push_back({{"name", s.name}, {"role", s.role}, {"organisation", s.organisation}});
    }
    json result = {
        {"position", item.position},
        {"title", item.title},
        {"kind", item.kind.empty() ? json(nullptr) : json(item.kind)},
        {"description", item.description},
        {"start", item.start ? json(domain::format_utc(*item.start)) : json(nullptr)},
        {"duration_minutes", item.duration ? json(item.duration->count() / 60) : json(nullptr)},
        {"speakers", std::move(speakers)},
        {"points", item.points}};
    return result;
}

}  // namespace

json to_json(const EventPage& page) {
    const auto& event = page.event;
    json result = summary(event);
    result["uid"] = event.uid;
    result["description"] = event.description;
    if (!event.all_day) result["times"] = times(event, page.zones);
    result["venue"] = event.venue;
    result["online_url"] = event.online_url;
    result["registration_url"] = event.registration_url;
    result["languages"] = event.languages;
    result["organisers"] = event.organisers;
    result["parent"] = page.parent ? summary(*page.parent) : json(nullptr);
    result["capacity"] = event.capacity ? json(*event.capacity) : json(nullptr);
    result["status"] = domain::to_string(event.status);
    result["sequence"] = event.sequence;
    result["created_at"] = domain::format_utc(event.created_at);
    result["updated_at"] = domain::format_utc(event.updated_at);
    json agenda = json::array();
    for (const auto& item : page.agenda) agenda.push_back(agenda_item(item));
    result["agenda"] = std::move(agenda);
    return result;
}

}  // namespace convene::page
