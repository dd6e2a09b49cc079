// The event page as JSON: every stored field, times in UTC and in each requested zone. Keys are
// English (they are for programs); an unset value is null, an empty list [] (convene(1)).
#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"

namespace convene::page {

namespace {

using nlohmann::json;

json optional_text(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json times(const l10n::Locale& locale, const domain::Event& event,
           const std::vector<std::string>& zones) {
    json result = json::array();
    for (const auto& name : zones) {
        const auto& zone = domain::known_zone(name);
        result.push_back({{"timezone", name},
                          {"start", domain::format_iso_local(event.start, zone)},
                          {"end", domain::format_iso_local(event.end, zone)},
                          {"abbreviation", domain::to_local(event.start, zone).abbrev},
                          {"text", when(locale, event, name)}});
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

json speaker(const domain::Speaker& s) {
    return {{"name", s.name},
            {"role", optional_text(s.role)},
            {"organisation", optional_text(s.organisation)}};
}

json agenda_item(const domain::AgendaItem& item) {
    json speakers = json::array();
    for (const auto& s : item.speakers) speakers.push_back(speaker(s));
    json result = {
        {"position", item.position},
        {"title", item.title},
        {"kind", optional_text(item.kind)},
        {"description", optional_text(item.description)},
        {"start", item.start ? json(domain::format_utc(*item.start)) : json(nullptr)},
        {"duration_minutes", item.duration ? json(item.duration->count() / 60) : json(nullptr)},
        {"speakers", std::move(speakers)},
        {"points", item.points.empty() ? json::array() : json(item.points)}};
    return result;
}

json list(const std::vector<std::string>& items) {
    return items.empty() ? json::array() : json(items);
}

// "organisers" stays the list of names that consumers before roles read; "organiser_roles"
// holds each one's role at the same index (null for none).
void add_organisers(json& result, const domain::Event& event) {
    json names = json::array();
    json roles = json::array();
    for (const auto& organiser : event.organisers) {
        names.push_back(organiser.name);
        roles.push_back(optional_text(std::string(domain::to_string(organiser.role))));
    }
    result["organisers"] = std::move(names);
    result["organiser_roles"] = std::move(roles);
}

// The programme: each session with its day (as `show` groups them), status, place and
// speakers.
json sessions(const EventPage& page) {
    json result = json::array();
    for (const auto& day : session_days(page)) {
        for (const auto* session : day.sessions) {
            json entry = summary(*session);
            entry["day"] = domain::format_date(day.day);
            entry["status"] = domain::to_string(session->status);
            entry["room"] = optional_text(session->room);
            entry["type"] = optional_text(session->session_type);
            entry["track"] = optional_text(session->track);
            json speakers = json::array();
            const auto found = page.session_speakers.find(session->id);
            if (found != page.session_speakers.end()) {
                for (const auto& s : found->second) speakers.push_back(speaker(s));
            }
            entry["speakers"] = std::move(speakers);
            result.push_back(std::move(entry));
        }
    }
    return result;
}

}  // namespace

json to_json(const EventPage& page) {
    const auto& event = page.event;
    const l10n::Locale locale(event.locale);
    json result = summary(event);
    result["uid"] = event.uid;
    result["locale"] = event.locale;
    result["description"] = optional_text(event.description);
    result["times"] = event.all_day ? json::array() : times(locale, event, page.zones);
    result["venue"] = optional_text(event.venue);
    result["room"] = optional_text(event.room);
    result["type"] = optional_text(event.session_type);
    result["track"] = optional_text(event.track);
    json tracks = json::array();
    for (const auto& track : event.tracks) {
        tracks.push_back({{"name", track.name}, {"colour", optional_text(track.colour)}});
    }
    result["tracks"] = std::move(tracks);
    result["online_url"] = optional_text(event.online_url);
    result["registration_url"] = optional_text(event.registration_url);
    result["languages"] = list(event.languages);
    add_organisers(result, event);
    result["parent"] = page.parent ? summary(*page.parent) : json(nullptr);
    result["capacity"] = event.capacity ? json(*event.capacity) : json(nullptr);
    result["status"] = domain::to_string(event.status);
    result["sequence"] = event.sequence;
    result["created_at"] = domain::format_utc(event.created_at);
    result["updated_at"] = domain::format_utc(event.updated_at);
    json agenda = json::array();
    for (const auto& item : page.agenda) agenda.push_back(agenda_item(item));
    result["agenda"] = std::move(agenda);
    result["sessions"] = sessions(page);
    return result;
}

}  // namespace convene::page
