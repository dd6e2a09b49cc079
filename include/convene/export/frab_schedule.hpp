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
    std::vector<std::string> persons;
    std::string language;  // "" when unknown
    std::string url;       // an http(s) link, or ""
};

struct Schedule {
    domain::Event conference;
    std::vector<Talk> talks;  // sorted by start, then id
};

// A parent event with its sessions (each one talk, speakers taken from its agenda).
Schedule from_sessions(const domain::Event& parent, const std::vector<domain::Event>& sessions,
                       const std::map<std::int64_t, std::vector<domain::AgendaItem>>& agendas);
// One event with its timed agenda items; an item without a duration lasts until the next one
// (or the event's end).
Schedule from_agenda(const domain::Event& event, const std::vector<domain::AgendaItem>& items);

// The timetable the writers print: one day per local date of the conference (and of any talk
// outside it), each with its rooms in order of first use.
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
