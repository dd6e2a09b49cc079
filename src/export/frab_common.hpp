#pragma once
// What schedule.xml and schedule.json say alike: names, times and durations as frab writes them.
#include <chrono>
#include <string>

#include <date/tz.h>

#include "convene/export/frab_schedule.hpp"

namespace convene::frab::detail {

// The conference acronym: the slug with '_' for '-' (schedule.json allows '-' only before a
// year), at least four characters.
std::string acronym(const domain::Event& conference);
// "seance-12-opening" style talk slug: acronym, id, title.
std::string talk_slug(const Schedule& schedule, const Talk& talk);
// A speaker's guid, the same in every talk of the schedule and from one export to the next.
std::string person_guid(const Schedule& schedule, const Person& person);
// "01:30"
std::string hours_minutes(std::chrono::seconds duration);
// The conference's start and end: an ISO date-time with offset, or a date when all-day.
std::string conference_start(const domain::Event& conference);
std::string conference_end(const domain::Event& conference);
// The schedule's version: the conference's iCalendar SEQUENCE, which grows with every change
// calendars must see.
std::string version(const domain::Event& conference);

}  // namespace convene::frab::detail
