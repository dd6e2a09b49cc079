#pragma once
// The frab/pretalx schedule (schedule.xml, schedule.json) that conference apps and tools read
// (Giggity, ConfClerk, EventFahrplan, c3voc): a conference with days, rooms and talks. Built
// from a parent event and its sessions, or from one event's timed agenda items.
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"

namespace convene::frab {

// A speaker as schedules show one: the name, and the organisation and role when known.
struct Person {
    std::string name;
    std::string organisation;
    std::string role;
};

// One frab "event": a talk, a break, a session.
struct Talk {
    std::int64_t id{0};  // the event's or item's schedule_id
    std::string uid;     // the iCalendar UID it comes from; its guid derives from it
    std::string title;
    std::string abstract;
    std::string description;
    std::string type;
    std::string room;
    domain::Instant start{};
    std::chrono::seconds duration{0};
    std::string track;  // "" when none
    std::vector<Person> persons;
    std::string language;  // "" when unknown
    std::string url;       // an http(s) link, or ""
};

struct Schedule {
    domain::Event conference;
    std::vector<Talk> talks;  // sorted by start, then id
    // When one day of the schedule ends and the next begins, local time (pretalx's
    // day_change): a session after midnight belongs to the evening before.
    std::chrono::seconds day_change{std::chrono::hours{4}};
    std::string base_url;  // where the event pages are published (<base_url>), or ""
};

// How a schedule is published: where its pages are and when its days change.
struct Publishing {
    // Where `show EVENT --format html -o SLUG.html` pages are published: a talk's URL is
    // BASE_URL/SLUG.html. "" for none: a talk's URL is then its own link.
    std::string base_url;
    // What follows the slug in a page's name: `convene publish` writes SLUG.fr.html.
    std::string page_extension{".html"};
    std::chrono::seconds day_change{std::chrono::hours{4}};
};

// A parent event with its sessions (each one talk of its track, type and room, speakers
// taken from its agenda).
Schedule from_sessions(const domain::Event& parent, const std::vector<domain::Event>& sessions,
                       const std::map<std::int64_t, std::vector<domain::AgendaItem>>& agendas,
                       const Publishing& publishing = {});
// One event with its timed agenda items; an item without a duration lasts until the next one
// (or the event's end).
Schedule from_agenda(const domain::Event& event, const std::vector<domain::AgendaItem>& items,
                     const Publishing& publishing = {});

// The conference's tracks: those the parent declares, with their colours, then any other a
// talk names, in order of first use.
std::vector<domain::Track> tracks_of(const Schedule& schedule);

// The timetable the writers print: one day per date of the conference (and of any talk outside
// it), each running from the day change to the next, with its rooms in order of first use.
struct Room {
    std::string name;
    std::vector<const Talk*> talks;
};
struct Day {
    int index{1};
    domain::Date date{};
    domain::Instant start{};  // the conference's start, local midnight, or the talks' start
    domain::Instant end{};
    std::vector<Room> rooms;
};
std::vector<Day> days_of(const Schedule& schedule);
// Every room name, in order of first use.
std::vector<std::string> room_names(const Schedule& schedule);

// A stable UUID-shaped guid derived from a UID (version 8: name-based, FNV-1a), so a talk keeps
// its guid from one export to the next. A UID that is a UUID already (a talk imported from a
// schedule) is its own guid.
std::string guid_for(std::string_view uid);

void write_xml(std::ostream& out, const Schedule& schedule);
nlohmann::ordered_json to_json(const Schedule& schedule);

}  // namespace convene::frab
