// domain::apply(AgendaItemInput): the one place the values of item flags and [[agenda]] tables
// meet the rules.
#include <chrono>

#include <catch2/catch.hpp>

#include "convene/domain/agenda_input.hpp"
#include "convene/domain/time.hpp"
#include "testing.hpp"

using namespace convene::domain;

namespace {

// Briefing: one hour from k_now, in UTC.
const Event k_event = convene::testing::an_event("briefing");

// The problem `input` gives a new item, or nothing.
std::optional<Problem> problem_of(const AgendaItemInput& input) {
    AgendaItem item;
    return apply(input, item, k_event);
}

AgendaItemInput titled(std::string title) {
    AgendaItemInput input;
    input.title = std::move(title);
    return input;
}

}  // namespace

TEST_CASE("an item input gives every field, starts read against the event", "[agenda_input]") {
    auto input = titled("Talk");
    input.description = "Why";
    input.kind = "talk";
    input.start = "+15m";
    input.duration = "20m";
    input.speakers = std::vector<Speaker>{{"Ana", "Chair", "IOM"}};
    input.points = std::vector<std::string>{"How?"};
    AgendaItem item;
    REQUIRE_FALSE(apply(input, item, k_event));
    CHECK(item.title == "Talk");
    CHECK(item.description == "Why");
    CHECK(item.kind == "talk");
    CHECK(item.start == k_event.start + std::chrono::minutes{15});
    CHECK(item.duration == std::chrono::minutes{20});
    CHECK(item.speakers == std::vector<Speaker>{{"Ana", "Chair", "IOM"}});
    CHECK(item.points == std::vector<std::string>{"How?"});

    // An update: what is left out stays; removals come before values given with them.
    AgendaItemInput update;
    update.no_start = true;
    update.no_speakers = true;
    update.points = std::vector<std::string>{"Who?", "When?"};
    update.no_points = true;
    REQUIRE_FALSE(apply(update, item, k_event));
    CHECK(item.title == "Talk");
    CHECK_FALSE(item.start);
    CHECK(item.duration == std::chrono::minutes{20});
    CHECK(item.speakers.empty());
    CHECK(item.points == std::vector<std::string>{"Who?", "When?"});
    update = {};
    update.no_duration = true;
    update.kind = "";
    REQUIRE_FALSE(apply(update, item, k_event));
    CHECK_FALSE(item.duration);
    CHECK(item.kind.empty());
}

TEST_CASE("each item rule names its field", "[agenda_input]") {
    CHECK_FALSE(problem_of(titled("T")));
    CHECK(problem_of({})->field == "title");
    CHECK(problem_of(titled(" "))->field == "title");
    CHECK(problem_of(titled(std::string(2000, 'x')))->field == "title");
    auto input = titled("T");
    input.kind = "keynote";
    CHECK(problem_of(input)->field == "kind");
    input = titled("T");
    input.start = "soon";
    CHECK(problem_of(input)->field == "start");
    input.start = "+99999999d";
    CHECK(problem_of(input)->field == "start");
    input = titled("T");
    input.duration = "soon";
    CHECK(problem_of(input)->field == "duration");
    input.duration = "367d";
    CHECK(problem_of(input)->field == "duration");
    input = titled("T");
    input.description = "a\x1b";
    CHECK(problem_of(input)->field == "description");
}

TEST_CASE("speakers and points are named by their place", "[agenda_input]") {
    auto input = titled("T");
    input.speakers = std::vector<Speaker>{{"Ana", "", ""}, {" ", "Chair", ""}};
    auto problem = problem_of(input);
    REQUIRE(problem);
    CHECK(problem->field == "speakers[2].name");
    CHECK(problem->message == "a speaker needs a name");
    input.speakers = std::vector<Speaker>{{"Ana", std::string(2000, 'r'), ""}};
    CHECK(problem_of(input)->field == "speakers[1].role");
    input.speakers = std::vector<Speaker>{{"Ana", "", "o\x07"}};
    CHECK(problem_of(input)->field == "speakers[1].organisation");

    input = titled("T");
    input.points = std::vector<std::string>{"a", "b", ""};
    problem = problem_of(input);
    REQUIRE(problem);
    CHECK(problem->field == "points[3]");
    CHECK(problem->message == "an agenda point must not be empty");
}
