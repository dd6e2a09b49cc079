#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "convene/app/attendee_rows.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using domain::RegistrationStatus;
using testing::at;

namespace {

domain::Event bilingual() {
    auto event = testing::an_event("briefing");
    event.languages = {"en", "fr"};
    return event;
}

struct People : testing::StoreWithEvent {
    People() : StoreWithEvent(bilingual()) {
        add("ana@x.org", "en", RegistrationStatus::registered, 1);
        add("ben@x.org", "fr", RegistrationStatus::waitlisted, 2);
        add("Cy@x.org", "en", RegistrationStatus::waitlisted, 3);
    }

    void add(std::string email, std::string language, RegistrationStatus status,
             std::int64_t time) {
        domain::Registration r;
        r.event_id = event.id;
        r.name = "X";
        r.email = std::move(email);
        r.language = std::move(language);
        r.status = status;
        r.registered_at = at(time);
        store::RegistrationStore(db).insert(r);
    }

    void sent(std::string recipient) {
        store::LedgerStore(db).record({.event_id = event.id,
                                       .event_uid = "e@test",
                                       .recipient = std::move(recipient),
                                       .method = domain::Itip::request,
                                       .sequence = 4,
                                       .event_sequence = 0,
                                       .message_id = "<1@test>",
                                       .sent_at = at(10),
                                       .schedule = "s"});
    }
};

// "email position sequence" per visited row; "-" for what is absent.
std::vector<std::string> visit(app::AttendeeRows& rows, const app::AttendeeReads& reads) {
    std::vector<std::string> seen;
    rows.for_each(reads, [&](const domain::Attendee& a) {
        seen.push_back(a.registration.email + " " +
                       (a.waitlist_position ? std::to_string(*a.waitlist_position) : "-") + " " +
                       (a.last_sent ? std::to_string(a.last_sent->sequence) : "-"));
    });
    return seen;
}

}  // namespace

TEST_CASE("attendee rows keep waiting-list places under a filter that hides some",
          "[attendee_rows]") {
    People people;
    auto rows = app::attendee_rows(people.db, "briefing", {.language = "English"});
    REQUIRE(rows);
    auto all = *std::move(rows);
    CHECK(visit(all, {.waitlist_position = true}) ==
          std::vector<std::string>{"ana@x.org - -", "Cy@x.org 2 -"});
    CHECK(visit(all, {}) == std::vector<std::string>{"ana@x.org - -", "Cy@x.org - -"});
}

TEST_CASE("attendee rows join the ledger by address, whatever its case", "[attendee_rows]") {
    People people;
    people.sent("cy@X.org");
    auto rows = app::attendee_rows(people.db, "briefing");
    CHECK(visit(rows, {.waitlist_position = true, .last_sent = true}) ==
          std::vector<std::string>{"ana@x.org - -", "ben@x.org 1 -", "Cy@x.org 2 4"});
    CHECK(visit(rows, {}) ==
          std::vector<std::string>{"ana@x.org - -", "ben@x.org - -", "Cy@x.org - -"});
    std::string one;
    CHECK(rows.visit_one("CY@x.org", {.last_sent = true}, [&](const domain::Attendee& a) {
        one = a.registration.email + " " + std::to_string(a.last_sent->sequence);
    }));
    CHECK(one == "Cy@x.org 4");
    CHECK_FALSE(rows.visit_one("dee@x.org", {}, [](const domain::Attendee&) { FAIL(); }));
    CHECK(rows.counts().waitlisted == 2);
}

TEST_CASE("attendee rows refuse a language the event does not offer", "[attendee_rows]") {
    People people;
    const auto rows = app::attendee_rows(people.db, "briefing", {.language = "de"});
    REQUIRE_FALSE(rows);
    CHECK(rows.problem().message == "language 'de' is not one of the event's languages (en, fr)");
}
