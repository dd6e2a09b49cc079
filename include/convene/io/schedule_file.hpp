#pragma once
// A frab/pretalx schedule as `convene import-schedule` reads it: schedule.xml (frab's XML, as
// pretalx and frab write it) or schedule.json (c3voc's JSON schema, as pretalx writes it).
// The reader keeps what a conference programme is made of — talks with their guid, number,
// time, length, room, track, type, language and speakers — and the conference around them.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/time.hpp"

namespace convene::io {

struct ScheduleTrack {
    std::string name;
    std::string colour;  // "#1f77b4", or "" when the schedule gives none
};

struct ScheduleTalk {
    std::string guid;  // the talk's UUID: calendars that subscribed to the schedule know it
    std::int64_t id{0};
    std::string title;
    std::string abstract;
    std::string description;
    std::string room;
    std::string track;
    std::string type;
    std::string language;
    std::string url;
    domain::Instant start{};
    std::chrono::seconds duration{0};
    std::vector<std::string> persons;  // public names, in order
    int line{0};                       // where it is in the file, for messages
};

struct ScheduleFile {
    std::string acronym;
    std::string title;
    std::string timezone;  // IANA name, "" when the schedule gives none
    std::string version;
    domain::Date start{};
    domain::Date end{};
    std::vector<ScheduleTrack> tracks;
    std::vector<ScheduleTalk> talks;  // in the file's order
};

// Reads a schedule from `bytes`: XML when it starts with '<' (after white space and a byte
// order mark), JSON otherwise. BadInputError naming `name` and the line for anything that is
// not a schedule: not well-formed, no conference, a talk without guid, title or a readable
// time, two talks with one guid.
ScheduleFile read_schedule(std::string_view bytes, std::string_view name);

}  // namespace convene::io
