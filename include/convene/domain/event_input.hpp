#pragma once
// What create-event, update-event and an event file say about an event, before it meets the
// rules (STYLE.md habit 12): the flags and the file fill the same EventInput, and `apply` is the
// one place its values are checked and written into an Event. Every field is optional, because
// an update changes only what it is given; texts are as a person wrote them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/event_times.hpp"
#include "convene/domain/problem.hpp"

namespace convene::domain {

struct EventInput {
    std::optional<std::string> title;
    std::optional<std::string> slug;
    std::optional<std::string> description;  // the text itself (the flags read @FILE first)
    TimeInput times;
    std::optional<std::string> venue;
    std::optional<std::string> track;  // a session's track ("" for none)
    std::optional<std::string> type;   // a session's type ("" for none)
    std::optional<std::string> room;   // a session's room inside the venue ("" for none)
    // The tracks a parent declares, as written: "Name" or "Name=#rrggbb"; replaces the list
    // ("" entries are left out).
    std::optional<std::vector<std::string>> tracks;
    std::optional<std::string> online_url;
    std::optional<std::string> join_url;  // the private meeting link ("" clears it)
    std::optional<std::string> registration_url;
    std::optional<std::vector<std::string>> languages;  // BCP 47 tags, in order
    std::optional<std::string> locale;
    // Replaces the list; each "Name" or "role: Name" (domain::parse_organiser); "" are left out.
    std::optional<std::vector<std::string>> organisers;
    // The larger event this one is part of, by slug or id. Only app can look it up (it needs
    // the store): app::attach_parent.
    std::optional<std::string> parent;
    bool no_parent{false};  // detach from the parent (a parent given as well is attached)
    std::optional<std::int64_t> capacity;
    bool no_capacity{false};  // no limit (a capacity given as well is kept)
    std::optional<std::string> status;
};

// What a new event takes where its input says nothing: convene.toml's defaults.timezone (the
// zone its wall times are read in) and defaults.locale.
struct EventDefaults {
    std::string zone;
    std::string locale{"en"};
};

// The slug `input` names: its own, else one made from its title.
std::string slug_for(const EventInput& input);

// Writes what `input` gives into `event` and checks the result (validate(const Event&)). A new
// event (id 0) must get a title and a time, takes its slug from its title and `defaults`
// where the input is silent; an existing one keeps what is not given. The parent is not
// touched. Returns the first problem, named after the field as event files name it.
std::optional<Problem> apply(const EventInput& input, Event& event, const EventDefaults& defaults);

}  // namespace convene::domain
