#pragma once
// Agenda items of an event: ordered, with speakers and sub-points (SPEC §1).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/event.hpp"

namespace convene::domain {

struct Speaker {
    std::string name;  // required
    std::string role;
    std::string organisation;
};

struct AgendaItem {
    std::int64_t id{0};
    std::int64_t event_id{0};
    int position{0};  // 1-based, contiguous within an event
    std::string title;
    std::string description;
    std::string kind;  // "", talk, discussion, break, other
    std::optional<Instant> start;
    std::optional<std::chrono::seconds> duration;
    std::vector<Speaker> speakers;
    std::vector<std::string> points;
};

}  // namespace convene::domain
