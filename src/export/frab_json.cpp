// schedule.json as c3voc's JSON schema (validator/json/schema.json) describes it; persons in
// the pretalx shape { "name": … }.
#include "convene/domain/time.hpp"
#include "convene/export/frab_schedule.hpp"
#include "frab_common.hpp"

namespace convene::frab {

namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json talk_json(const Schedule& schedule, const Talk& talk) {
    const auto& zone = domain::known_zone(schedule.conference.timezone);
    const auto guid = guid_for(talk.uid);
    Json persons = Json::array();
    // The pretalx shape ({"name": …}): frab's (id, public_name) must not be mixed in.
    for (const auto& person : talk.persons) {
        Json entry = {{"name", person.name}, {"guid", detail::person_guid(schedule, person)}};
        if (!person.organisation.empty()) entry["organisation"] = person.organisation;
        if (!person.role.empty()) entry["role"] = person.role;
        persons.push_back(std::move(entry));
    }
    return {
        {"guid", guid},
        {"id", talk.id},
        {"date", domain::format_iso_local(talk.start, zone)},
        {"start", detail::hours_minutes(domain::to_local(talk.start, zone).time_of_day)},
        {"end", domain::format_iso_local(talk.start + talk.duration, zone)},
        {"duration", detail::hours_minutes(talk.duration)},
        {"room", talk.room},
        {"slug", detail::talk_slug(schedule, talk)},
        // A talk page when the event has a link; otherwise the guid as a URI.
        {"url", talk.url.empty() ? "urn:uuid:" + guid : talk.url},
        {"title", talk.title},
        {"subtitle", nullptr},
        {"track", nullable(talk.track)},
        {"type", talk.type},
        {"language", nullable(talk.language)},
        {"abstract", talk.abstract},
        {"description", nullable(talk.description)},
        {"persons", persons},
        {"links", Json::array()},
    };
}

// schedule.json's pattern for the zone name, ^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$, which most IANA
// names match ("America/New_York" by its start); others ("Etc/GMT+2") are left out.
bool simple_zone_name(const std::string& name) {
    if (name.ends_with("UTC")) return true;
    std::size_t i = 0;
    const auto word = [&] {
        if (i >= name.size() || !(name[i] >= 'A' && name[i] <= 'Z')) return false;
        const auto first_lower = ++i;
        while (i < name.size() && name[i] >= 'a' && name[i] <= 'z') ++i;
        return i > first_lower;
    };
    if (!word() || i >= name.size() || name[i] != '/') return false;
    ++i;
    return word();
}

}  // namespace

nlohmann::ordered_json to_json(const Schedule& schedule) {
    const auto& conference = schedule.conference;
    const auto& zone = domain::known_zone(conference.timezone);
    const auto days = days_of(schedule);
    Json rooms = Json::array();
    for (const auto& name : room_names(schedule)) {
        rooms.push_back(
            {{"name", name}, {"guid", guid_for("room:" + name + "@" + conference.uid)}});
    }
    Json day_list = Json::array();
    for (const auto& day : days) {
        Json by_room = Json::object();
        for (const auto& room : day.rooms) {
            Json talks = Json::array();
            for (const auto* talk : room.talks) talks.push_back(talk_json(schedule, *talk));
            by_room[room.name] = talks;
        }
        day_list.push_back({{"index", day.index},
                            {"date", domain::format_date(day.date)},
                            {"day_start", domain::format_iso_local(day.start, zone)},
                            {"day_end", domain::format_iso_local(day.end, zone)},
                            {"rooms", by_room}});
    }
    Json about = {
        {"acronym", detail::acronym(conference)},
        {"title", conference.title},
        {"start", detail::conference_start(conference)},
        {"end", detail::conference_end(conference)},
        {"daysCount", days.size()},
        {"timeslot_duration", "00:05"},
    };
    if (simple_zone_name(conference.timezone)) about["time_zone_name"] = conference.timezone;
    if (!conference.description.empty()) about["description"] = conference.description;
    Json tracks = Json::array();
    for (const auto& track : tracks_of(schedule)) {
        Json entry = {{"name", track.name}};
        if (!track.colour.empty()) entry["color"] = track.colour;
        tracks.push_back(std::move(entry));
    }
    if (!tracks.empty()) about["tracks"] = tracks;
    about["rooms"] = rooms;
    about["days"] = day_list;
    Json body = {{"version", detail::version(conference)}};
    if (!schedule.base_url.empty()) body["base_url"] = schedule.base_url;
    body["conference"] = about;
    return {
        {"$schema", "https://c3voc.de/schedule/schema.json"},
        {"generator", {{"name", "convene"}, {"version", CONVENE_VERSION}}},
        {"schedule", body},
    };
}

}  // namespace convene::frab
