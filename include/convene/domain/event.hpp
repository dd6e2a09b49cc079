#pragma once
// An event as SPEC §1 describes it. Plain data: no SQL, no printing.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "convene/domain/organiser.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

using Instant = std::chrono::sys_seconds;
using Date = date::sys_days;

enum class EventStatus { tentative, confirmed, cancelled };

std::string_view to_string(EventStatus status);
// A problem naming the accepted values for any other word.
Checked<EventStatus> parse_event_status(std::string_view text);

// A track a parent event declares for its sessions, with the colour schedule apps show it in.
struct Track {
    std::string name;
    std::string colour;  // "#rrggbb" (lower case), or "" for none
    bool operator==(const Track&) const = default;
};

struct Event {
    std::int64_t id{0};
    std::string slug;
    std::string uid;  // iCalendar UID, fixed at creation
    // Its number in frab schedules (<event id="…">), fixed at creation: unlike `id`, kept by
    // `db copy`. 0 until stored (the store gives the next free one).
    std::int64_t schedule_id{0};
    std::string title;
    std::string description;
    std::string timezone;  // IANA name the times were given in
    bool all_day{false};
    Instant start{};  // timed events: UTC instants
    Instant end{};
    Date start_date{};  // all-day events: inclusive date range
    Date end_date{};
    std::string venue;  // the building
    // A session (an event with a parent) in a programme: its track, its type (talk, workshop,
    // keynote, panel, break or the organiser's own word) and its room inside the venue. ""
    // when not said.
    std::string track;
    std::string session_type;
    std::string room;
    std::vector<Track> tracks;  // the tracks a parent declares, in order
    std::string online_url;     // public: pages and feeds show it
    // The meeting link for registered people only: invitations, reminders and their .ics carry
    // it; pages, public feeds and schedules never do ("" when none).
    std::string join_url;
    std::string registration_url;
    std::vector<std::string> languages;  // BCP 47 tags, "interpretation available in"
    std::vector<Organiser> organisers;   // organisations and their roles, in order
    std::string locale{"en"};            // the language pages and invitations are written in
    std::optional<std::int64_t> parent_id;
    std::optional<std::int64_t> capacity;
    EventStatus status{EventStatus::confirmed};
    std::int64_t sequence{0};
    Instant created_at{};
    Instant updated_at{};

    // Field by field: lets an update that changes nothing say so instead of writing.
    bool operator==(const Event&) const = default;
};

// The link a registered person joins the meeting with: the private join link, else the public
// online one ("" when neither).
const std::string& meeting_link(const Event& event);
// Online only for registered people: a join link and no public online one. Public outputs say
// "online" without a link.
bool has_private_link_only(const Event& event);

// Slug rules: [a-z0-9-], derived from the title (accents folded) when not given.
std::string slugify(std::string_view title);
bool is_valid_slug(std::string_view slug);
std::optional<Problem> check_slug(std::string_view slug);

// The languages convene writes pages and invitations in, "en" first (po/ holds a catalog for
// each of the others).
std::span<const std::string_view> supported_locales();
// The supported locale `tag` names ("fr", "fr-CA" and "FR" all give "fr"), or "" when none.
std::string supported_locale(std::string_view tag);
// The one locale rule of flags, event files and config: the supported locale `tag` names, or a
// problem (field "locale") naming the ones convene writes.
Checked<std::string> parse_locale(std::string_view tag);
// The languages an event's published pages are written in: its locale first, then each of its
// interpretation languages that convene writes, region kept ("en-GB"), one per language.
std::vector<std::string> page_locales(const Event& event);
// A web link people can click: http or https, a host, no white space or control characters
// ("https://example.org/register"; not "javascript:…", "file:///…" or "https:///path").
bool is_url(std::string_view text);

// "Name" or "Name=#rrggbb" (as flags and event files write a track) as a Track, or a problem
// (field "tracks").
Checked<Track> parse_track(std::string_view text);

// What to tell the organiser when a session's track is not one its parent declares (ignoring
// case), while the parent declares some: a mistyped track becomes a track of its own, without
// a colour, in conference apps. Nothing when the track is declared, or when there is nothing
// to compare with.
std::optional<std::string> undeclared_track(const Event& session, const Event& parent);

// True when the change from `before` to `after` must reach calendars (SPEC §1: time, place,
// title or status), i.e. when the iCalendar SEQUENCE must grow.
bool changes_calendar(const Event& before, const Event& after);

// The first invariant a stored event must keep that `event` breaks, if any.
std::optional<Problem> validate(const Event& event);

}  // namespace convene::domain
