// domain::apply(EventInput): the one place the values of flags and event files meet the rules.
#include <catch2/catch.hpp>

#include "convene/domain/event_input.hpp"
#include "convene/domain/time.hpp"

using namespace convene::domain;

namespace {

const EventDefaults k_defaults{"Europe/Paris", "fr"};

EventInput new_event() {
    EventInput input;
    input.title = "Séance d'information";
    input.times.date = "2022-04-13";
    return input;
}

// The field of the problem `input` gives a new event, or "" when there is none.
std::string problem_field(const EventInput& input) {
    Event event;
    const auto problem = apply(input, event, k_defaults);
    return problem ? problem->field : std::string("(none)");
}

// An event as stored: it has an id, a slug, a zone and a locale of its own.
Event stored() {
    Event event;
    REQUIRE_FALSE(apply(new_event(), event, k_defaults));
    event.id = 7;
    event.locale = "es";
    event.capacity = 20;
    return event;
}

}  // namespace

TEST_CASE("a new event takes its slug, zone and locale where the input says nothing",
          "[event_input]") {
    Event event;
    REQUIRE_FALSE(apply(new_event(), event, k_defaults));
    CHECK(event.slug == "seance-d-information");
    CHECK(event.timezone == "Europe/Paris");
    CHECK(event.locale == "fr");
    CHECK(event.all_day);
    CHECK(format_date(event.start_date) == "2022-04-13");

    auto own = new_event();
    own.slug = "briefing";
    own.locale = "EN-gb";
    own.times.timezone = "Asia/Tokyo";
    Event given;
    REQUIRE_FALSE(apply(own, given, k_defaults));
    CHECK(given.slug == "briefing");
    CHECK(given.locale == "en-GB");  // the language's case, and the region it says
    CHECK(given.timezone == "Asia/Tokyo");
    CHECK(slug_for(own) == "briefing");
    CHECK(slug_for(new_event()) == "seance-d-information");
}

TEST_CASE("an existing event keeps what the input leaves out", "[event_input]") {
    auto event = stored();
    const auto before = event;
    EventInput venue;
    venue.venue = "Genève";
    REQUIRE_FALSE(apply(venue, event, k_defaults));
    CHECK(event.venue == "Genève");
    CHECK(event.locale == "es");
    CHECK(event.capacity == 20);
    CHECK(event.slug == before.slug);
    CHECK(event.start_date == before.start_date);

    EventInput no_limit;
    no_limit.no_capacity = true;
    REQUIRE_FALSE(apply(no_limit, event, k_defaults));
    CHECK_FALSE(event.capacity);
}

TEST_CASE("given lists replace the event's, without empty names", "[event_input]") {
    auto input = new_event();
    input.organisers = std::vector<std::string>{"Mayors Mechanism", "", "MMC"};
    input.languages = std::vector<std::string>{"en", "pt-BR"};
    Event event;
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.organisers == std::vector<Organiser>{{"Mayors Mechanism"}, {"MMC"}});
    CHECK(event.languages == std::vector<std::string>{"en", "pt-BR"});

    event.id = 1;  // stored: an update needs no title or time
    EventInput cleared;
    cleared.organisers = std::vector<std::string>{""};
    REQUIRE_FALSE(apply(cleared, event, k_defaults));
    CHECK(event.organisers.empty());
}

TEST_CASE("an organiser's role is a known word and a colon before the name", "[event_input]") {
    auto input = new_event();
    input.organisers = std::vector<std::string>{"co-lead: CGLU", "Partner:IOM",
                                                "UN-Habitat: Urban Lab", "Mayors Mechanism"};
    Event event;
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.organisers == std::vector<Organiser>{{"CGLU", OrganiserRole::co_lead},
                                                     {"IOM", OrganiserRole::partner},
                                                     {"UN-Habitat: Urban Lab", OrganiserRole::none},
                                                     {"Mayors Mechanism", OrganiserRole::none}});
    CHECK(organiser_text(event.organisers[0]) == "co-lead: CGLU");

    input.organisers = std::vector<std::string>{"sponsor:  "};
    const auto problem = apply(input, event, k_defaults);
    REQUIRE(problem);
    CHECK(problem->field == "organisers");
}

TEST_CASE("organisers are grouped none, lead, co-lead, host, partner, sponsor", "[event_input]") {
    using enum OrganiserRole;
    const std::vector<Organiser> organisers{
        {"A", partner}, {"B", none}, {"C", co_lead}, {"D", partner}, {"E", lead}};
    const auto groups = organiser_groups(organisers);
    REQUIRE(groups.size() == 4);
    CHECK(groups[0].role == none);
    CHECK(groups[1].role == lead);
    CHECK(groups[2].names == std::vector<std::string>{"C"});
    CHECK(groups[3].names == std::vector<std::string>{"A", "D"});
}

TEST_CASE("a session's track, type and room, and a parent's tracks with their colours",
          "[event_input]") {
    auto input = new_event();
    input.track = "Migration";
    input.type = "workshop";
    input.room = "Room B";
    input.tracks = std::vector<std::string>{"Migration=#1F77B4", " Climate ", ""};
    Event event;
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.track == "Migration");
    CHECK(event.session_type == "workshop");
    CHECK(event.room == "Room B");
    CHECK(event.tracks == std::vector<Track>{{"Migration", "#1f77b4"}, {"Climate", ""}});

    event.id = 1;
    EventInput kept;
    REQUIRE_FALSE(apply(kept, event, k_defaults));
    CHECK(event.tracks.size() == 2);
    CHECK(event.room == "Room B");

    for (const auto* bad : {"Migration=blue", "=#1f77b4", "Migration=#12345"}) {
        EventInput wrong;
        wrong.tracks = std::vector<std::string>{bad};
        auto copy = event;
        const auto problem = apply(wrong, copy, k_defaults);
        REQUIRE(problem);
        CHECK(problem->field == "tracks");
    }
    EventInput twice;
    twice.tracks = std::vector<std::string>{"Climate", "climate=#000000"};
    const auto problem = apply(twice, event, k_defaults);
    REQUIRE(problem);
    CHECK(problem->message == "the track 'climate' is declared twice");

    EventInput control;
    control.room = "Room\x07";
    auto copy = event;
    REQUIRE(apply(control, copy, k_defaults));
    CHECK(apply(control, copy, k_defaults)->field == "room");
}

TEST_CASE("languages are stored as canonical tags, old ones stay until replaced", "[event_input]") {
    auto input = new_event();
    input.languages = std::vector<std::string>{"anglais", "Français", "francés"};
    Event event;
    CHECK(apply(input, event, k_defaults)->message ==
          "'Français' and 'francés' are the same language (fr)");
    input.languages = std::vector<std::string>{"anglais", "Français", "EN-gb", "pt_br"};
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.languages == std::vector<std::string>{"en", "fr", "en-GB", "pt-BR"});

    // A database written before tags were canonical: other changes leave its tags alone.
    event.id = 1;
    event.languages = {"EN", "francais"};
    EventInput retitled;
    retitled.title = "Renamed";
    REQUIRE_FALSE(apply(retitled, event, k_defaults));
    CHECK(event.languages == std::vector<std::string>{"EN", "francais"});
    EventInput relisted;
    relisted.languages = std::vector<std::string>{"EN", "francais"};
    REQUIRE_FALSE(apply(relisted, event, k_defaults));
    CHECK(event.languages == std::vector<std::string>{"en", "fr"});
}

TEST_CASE("each rule names its field", "[event_input]") {
    CHECK(problem_field(new_event()) == "(none)");
    auto input = new_event();
    input.title = " ";
    CHECK(problem_field(input) == "title");
    input = new_event();
    input.title.reset();
    CHECK(problem_field(input) == "title");
    input = new_event();
    input.slug = "Not A Slug";
    CHECK(problem_field(input) == "slug");
    input = new_event();
    input.times.end_date = "2022-04-11";
    CHECK(problem_field(input) == "end-date");
    input = new_event();
    input.times.timezone = "Mars/Olympus";
    CHECK(problem_field(input) == "timezone");
    input = new_event();
    input.online_url = "javascript:alert(1)";
    CHECK(problem_field(input) == "online");
    input = new_event();
    input.registration_url = "https:///register";
    CHECK(problem_field(input) == "registration-url");
    input = new_event();
    input.languages = std::vector<std::string>{"en", "e_n"};
    CHECK(problem_field(input) == "languages");
    input = new_event();
    input.locale = "de";
    CHECK(problem_field(input) == "locale");
    input = new_event();
    input.capacity = -1;
    CHECK(problem_field(input) == "capacity");
    input = new_event();
    input.capacity = 1'000'001;
    CHECK(problem_field(input) == "capacity");
    input = new_event();
    input.status = "maybe";
    CHECK(problem_field(input) == "status");
    input = new_event();
    input.description = std::string(70'000, 'x');
    CHECK(problem_field(input) == "description");
    input = new_event();
    input.venue = "a\x1b";
    CHECK(problem_field(input) == "venue");
    input = new_event();
    input.times.date.reset();
    CHECK(problem_field(input) == "");  // the event needs a time: no one field
}

TEST_CASE("a URL is a web link, or empty for none", "[event_input]") {
    auto event = stored();
    EventInput input;
    input.online_url = "zoom";
    const auto problem = apply(input, event, k_defaults);
    REQUIRE(problem);
    CHECK(problem->message == "'zoom' is not a URL");
    CHECK(problem->hint == "give the full link, e.g. https://example.org/register");
    input.online_url = "https://example.org/room";
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.online_url == "https://example.org/room");
    input.online_url = "";
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.online_url.empty());
}

TEST_CASE("an event is cancelled by cancel-event, not by its status", "[event_input]") {
    auto event = stored();
    EventInput input;
    input.status = "cancelled";
    const auto problem = apply(input, event, k_defaults);
    REQUIRE(problem);
    CHECK(problem->field == "status");
    CHECK(problem->message == "use 'convene cancel-event' to cancel an event");
    input.status = "tentative";
    REQUIRE_FALSE(apply(input, event, k_defaults));
    CHECK(event.status == EventStatus::tentative);
}

TEST_CASE("a session's track that its parent does not declare is named in a warning", "[event]") {
    Event parent;
    parent.slug = "forum";
    Event session;
    session.slug = "talk";
    session.track = "migraton";
    CHECK_FALSE(undeclared_track(session, parent));  // nothing declared: nothing to compare
    parent.tracks = {{"Migration", "#1f77b4"}, {"Villes", ""}};
    CHECK(undeclared_track(session, parent) ==
          "talk: the track 'migraton' is not one of forum's tracks ('Migration', 'Villes'); "
          "schedules show it as a track of its own");
    session.track = "MIGRATION";
    CHECK_FALSE(undeclared_track(session, parent));
    session.track.clear();
    CHECK_FALSE(undeclared_track(session, parent));
}
