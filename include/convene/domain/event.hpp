#pragma once
// An event as SPEC §1 describes it. Plain data: no SQL, no printing.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace convene::domain {

using Instant = std::chrono::sys_seconds;
using Date = date::sys_days;

enum class EventStatus { tentative, confirmed, cancelled };

std::string_view to_string(EventStatus status);
// Throws UsageError naming the accepted values.
EventStatus parse_event_status(std::string_view text);

struct Event {
    std::int64_t id{0};
    std::string slug;
    std::string uid;  // iCalendar UID, fixed at creation
    std::string title;
    std::string description;
    std::string timezone;  // IANA name the times were given in
    bool all_day{false};
    Instant start{};       // timed events: UTC instants
    Instant end{};
    Date start_date{};     // all-day events: inclusive date range
    Date end_date{};
    std::string venue;
    std::string online_url;
    std::string registration_url;
    std::vector<std::string> languages;   // BCP 47 tags, "interpretation available in"
    std::vector<std::string> organisers;  // organisation names, in order
    std::string locale{"en"};  // the language pages and invitations are written in
    std::optional<std::int64_t> parent_id;
    std::optional<std::int64_t> capacity;
    EventStatus status{EventStatus::confirmed};
    std::int64_t sequence{0};
    Instant created_at{};
    Instant updated_at{};
};

// Slug rules: [a-z0-9-], derived from the title (accents folded) when not given.
std::string slugify(std::string_view title);
bool is_valid_slug(std::string_view slug);

// BCP 47 shape: a 2–8 letter language, then alphanumeric subtags of 1–8 ("en", "pt-BR").
bool is_language_tag(std::string_view tag);
// An absolute link: a scheme, a colon, no white space ("https://example.org/register").
bool is_url(std::string_view text);

// True when the change from `before` to `after` must reach calendars (SPEC §1: time, place,
// title or status), i.e. when the iCalendar SEQUENCE must grow.
bool changes_calendar(const Event& before, const Event& after);

// Checks the invariants every stored event keeps; throws UsageError naming the problem.
void validate(const Event& event);

}  // namespace convene::domain
