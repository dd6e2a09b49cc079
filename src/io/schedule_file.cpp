#include "convene/io/schedule_file.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "convene/error.hpp"
#include "convene/text/strings.hpp"

namespace convene::io {

namespace {

// Where a problem is: "schedule.xml:12".
struct Place {
    std::string_view name;
    int line{0};
    std::string operator()(std::string_view what) const {
        return line > 0 ? fmt::format("{}:{}: {}", name, line, what)
                        : fmt::format("{}: {}", name, what);
    }
};

int line_of(std::string_view bytes, std::size_t offset) {
    offset = std::min(offset, bytes.size());
    return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

// "00:30", "1:30", or frab's "0:01:30" with days first: the talk's length.
std::optional<std::chrono::seconds> parse_length(std::string_view text) {
    std::vector<int> parts;
    while (true) {
        const auto colon = text.find(':');
        const auto part = text.substr(0, colon);
        int value = 0;
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || error != std::errc{} || end != part.data() + part.size() || value < 0) {
            return std::nullopt;
        }
        parts.push_back(value);
        if (colon == std::string_view::npos) break;
        text.remove_prefix(colon + 1);
    }
    if (parts.size() < 2 || parts.size() > 3 || parts.back() >= 60) return std::nullopt;
    const auto minutes = parts[parts.size() - 1];
    const auto hours = parts[parts.size() - 2];
    const auto days = parts.size() == 3 ? parts[0] : 0;
    const std::chrono::seconds length{((days * 24 + hours) * 60 + minutes) * 60};
    if (length.count() <= 0) return std::nullopt;
    return length;
}

// Whether an ISO 8601 date-time ends with its offset ("Z", "+01:00", "-0500").
bool has_offset(std::string_view text) {
    const auto time = text.find('T');
    if (time == std::string_view::npos) return false;
    return text.ends_with('Z') || text.find_first_of("+-", time) != std::string_view::npos;
}

// The talk's start: an ISO 8601 date-time with its offset ("2026-03-28T10:00:00+01:00"), or
// without one in the conference's zone when the schedule names it.
domain::Instant parse_start(std::string_view text, const date::time_zone* zone,
                            const Place& place) {
    text = text::trim(text);
    std::optional<domain::Checked<domain::Instant>> instant;
    if (zone || has_offset(text)) {
        instant.emplace(domain::parse_instant(text, zone ? *zone : domain::known_zone("UTC")));
    }
    if (!instant || !*instant) {
        throw BadInputError(
            place(fmt::format("date '{}' is not a date-time with its offset", text)),
            "frab schedules write it as 2026-03-28T10:00:00+01:00");
    }
    return **instant;
}

// The conference's zone, when it names one convene knows.
const date::time_zone* zone_of(const std::string& name) {
    try {
        return name.empty() ? nullptr : date::locate_zone(name);
    } catch (const std::runtime_error&) {
        return nullptr;
    }
}

// What every talk needs, checked alike for both formats.
void check_talk(ScheduleTalk& talk, std::string_view duration, const Place& place,
                std::unordered_set<std::string>& guids) {
    talk.title = std::string(text::trim(talk.title));
    if (talk.guid.empty()) throw BadInputError(place("a talk has no guid"));
    if (talk.title.empty())
        throw BadInputError(place(fmt::format("talk {} has no title", talk.guid)));
    const auto length = parse_length(text::trim(duration));
    if (!length) {
        throw BadInputError(
            place(fmt::format("talk {}: duration '{}' is not HH:MM", talk.guid, duration)));
    }
    talk.duration = *length;
    if (!guids.insert(talk.guid).second) {
        throw BadInputError(place(fmt::format("two talks have the guid {}", talk.guid)));
    }
    talk.line = place.line;
}

domain::Date conference_day(std::string_view text, const Place& place) {
    // A date, or a date-time whose date is the day ("2026-03-28T09:00:00+01:00").
    auto day = domain::parse_date(text::trim(text).substr(0, 10));
    if (!day) throw BadInputError(place(fmt::format("'{}' is not a date", text)));
    return *day;
}

// --- schedule.xml ------------------------------------------------------------------------------

std::string child_text(const pugi::xml_node& node, const char* name) {
    return node.child(name).text().as_string();
}

ScheduleTalk xml_talk(const pugi::xml_node& event, std::string_view bytes, const Place& file,
                      const date::time_zone* zone, std::unordered_set<std::string>& guids) {
    const Place place{file.name, line_of(bytes, static_cast<std::size_t>(event.offset_debug()))};
    ScheduleTalk talk;
    talk.guid = event.attribute("guid").as_string();
    talk.id = event.attribute("id").as_llong();
    talk.title = child_text(event, "title");
    talk.abstract = child_text(event, "abstract");
    talk.description = child_text(event, "description");
    talk.room = child_text(event, "room");
    talk.track = child_text(event, "track");
    talk.type = child_text(event, "type");
    talk.language = child_text(event, "language");
    talk.url = child_text(event, "url");
    talk.start = parse_start(child_text(event, "date"), zone, place);
    for (const auto& person : event.child("persons").children("person")) {
        const auto name = text::trim(person.text().as_string());
        if (!name.empty()) talk.persons.emplace_back(name);
    }
    check_talk(talk, child_text(event, "duration"), place, guids);
    return talk;
}

ScheduleFile read_xml(std::string_view bytes, const Place& file) {
    pugi::xml_document document;
    const auto parsed =
        document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        const Place place{file.name, line_of(bytes, static_cast<std::size_t>(parsed.offset))};
        throw BadInputError(place(fmt::format("not well-formed XML: {}", parsed.description())));
    }
    const auto schedule = document.child("schedule");
    const auto conference = schedule.child("conference");
    if (!conference) throw BadInputError(file("no <schedule><conference>: not a frab schedule"));
    ScheduleFile result;
    result.version = child_text(schedule, "version");
    result.acronym = child_text(conference, "acronym");
    result.title = child_text(conference, "title");
    result.timezone = child_text(conference, "time_zone_name");
    result.start = conference_day(child_text(conference, "start"), file);
    result.end = conference_day(child_text(conference, "end"), file);
    for (const auto& track : conference.children("track")) {
        result.tracks.push_back(
            {track.attribute("name").as_string(), track.attribute("color").as_string()});
    }
    const auto* zone = zone_of(result.timezone);
    std::unordered_set<std::string> guids;
    for (const auto& day : schedule.children("day")) {
        for (const auto& room : day.children("room")) {
            for (const auto& event : room.children("event")) {
                result.talks.push_back(xml_talk(event, bytes, file, zone, guids));
            }
        }
    }
    return result;
}

// --- schedule.json -----------------------------------------------------------------------------

using Json = nlohmann::json;

std::string text_of(const Json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_string()) return {};
    return found->get<std::string>();
}

ScheduleTalk json_talk(const Json& event, const Place& file, const date::time_zone* zone,
                       std::unordered_set<std::string>& guids) {
    ScheduleTalk talk;
    talk.guid = text_of(event, "guid");
    if (const auto id = event.find("id"); id != event.end() && id->is_number_integer()) {
        talk.id = id->get<std::int64_t>();
    }
    talk.title = text_of(event, "title");
    talk.abstract = text_of(event, "abstract");
    talk.description = text_of(event, "description");
    talk.room = text_of(event, "room");
    talk.track = text_of(event, "track");
    talk.type = text_of(event, "type");
    talk.language = text_of(event, "language");
    talk.url = text_of(event, "url");
    const Place place{file.name, 0};
    talk.start = parse_start(text_of(event, "date"), zone, place);
    if (const auto persons = event.find("persons"); persons != event.end() && persons->is_array()) {
        for (const auto& person : *persons) {
            if (!person.is_object()) continue;
            // pretalx writes "name"; older frab exports "public_name" only.
            auto name = text_of(person, "name");
            if (name.empty()) name = text_of(person, "public_name");
            if (!text::trim(name).empty()) talk.persons.emplace_back(text::trim(name));
        }
    }
    check_talk(talk, text_of(event, "duration"), place, guids);
    return talk;
}

ScheduleFile read_json(std::string_view bytes, const Place& file) {
    Json document;
    try {
        document = Json::parse(bytes);
    } catch (const Json::parse_error& error) {
        const Place place{file.name, line_of(bytes, error.byte)};
        throw BadInputError(place("not well-formed JSON"));
    }
    const auto schedule = document.find("schedule");
    if (!document.is_object() || schedule == document.end() || !schedule->is_object() ||
        !schedule->contains("conference") || !(*schedule)["conference"].is_object()) {
        throw BadInputError(file("no schedule.conference: not a frab schedule"));
    }
    const auto& conference = (*schedule)["conference"];
    ScheduleFile result;
    result.version = text_of(*schedule, "version");
    result.acronym = text_of(conference, "acronym");
    result.title = text_of(conference, "title");
    result.timezone = text_of(conference, "time_zone_name");
    result.start = conference_day(text_of(conference, "start"), file);
    result.end = conference_day(text_of(conference, "end"), file);
    if (const auto tracks = conference.find("tracks");
        tracks != conference.end() && tracks->is_array()) {
        for (const auto& track : *tracks) {
            if (track.is_object())
                result.tracks.push_back({text_of(track, "name"), text_of(track, "color")});
        }
    }
    const auto* zone = zone_of(result.timezone);
    std::unordered_set<std::string> guids;
    const auto days = conference.find("days");
    if (days == conference.end() || !days->is_array()) return result;
    for (const auto& day : *days) {
        if (!day.is_object() || !day.contains("rooms") || !day["rooms"].is_object()) continue;
        for (const auto& [room, events] : day["rooms"].items()) {
            if (!events.is_array()) continue;
            for (const auto& event : events) {
                if (event.is_object()) {
                    result.talks.push_back(json_talk(event, file, zone, guids));
                }
            }
        }
    }
    return result;
}

}  // namespace

ScheduleFile read_schedule(std::string_view bytes, std::string_view name) {
    const Place file{name, 0};
    auto rest = bytes;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t\r\n"), rest.size()));
    auto schedule = rest.starts_with('<') ? read_xml(bytes, file) : read_json(bytes, file);
    if (schedule.title.empty()) throw BadInputError(file("the conference has no title"));
    if (schedule.end < schedule.start) {
        throw BadInputError(file("the conference ends before it starts"));
    }
    return schedule;
}

}  // namespace convene::io
