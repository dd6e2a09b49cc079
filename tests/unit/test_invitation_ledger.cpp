#include <catch2/catch.hpp>

#include <vector>

#include "convene/domain/invitation_ledger.hpp"

using namespace convene;
using domain::Itip;
using domain::RegistrationStatus;
using domain::SendReason;

namespace {

domain::Event event_at(std::int64_t sequence,
                       domain::EventStatus status = domain::EventStatus::confirmed) {
    domain::Event event;
    event.sequence = sequence;
    event.status = status;
    return event;
}

domain::LastSent sent(Itip method, std::int64_t sequence, std::int64_t event_sequence,
                      std::int64_t highest = -1) {
    return {.method = method,
            .sequence = sequence,
            .event_sequence = event_sequence,
            .highest_sequence = highest < 0 ? sequence : highest,
            .sent_at = {},
            .schedule = {}};
}

// A registration with `status` whose person took `steps` of their own (cancellations and new
// registrations after them), as domain::set_status counts them.
domain::Registration person(RegistrationStatus status, std::int64_t steps = -1) {
    domain::Registration registration;
    registration.status = status;
    registration.sequence_offset = steps >= 0 ? steps : status == RegistrationStatus::cancelled;
    return registration;
}

}  // namespace

TEST_CASE("a new registration is owed a REQUEST at the event's sequence, once", "[ledger]") {
    const auto event = event_at(2);
    const auto owed =
        domain::owed_message(event, person(RegistrationStatus::registered), std::nullopt);
    REQUIRE(owed);
    CHECK(owed->method == Itip::request);
    CHECK(owed->sequence == 2);
    CHECK(owed->reason == SendReason::new_registration);
    CHECK(domain::describe(*owed) == "new registration");
    CHECK_FALSE(domain::owed_message(event, person(RegistrationStatus::registered),
                                     sent(Itip::request, 2, 2)));
}

TEST_CASE("a change of the event is owed once, one above what they hold", "[ledger]") {
    const auto owed = domain::owed_message(event_at(3), person(RegistrationStatus::registered),
                                           sent(Itip::request, 2, 2));
    REQUIRE(owed);
    CHECK(owed->sequence == 3);
    CHECK(domain::describe(*owed) == "event changed from sequence 2 to 3");
}

TEST_CASE("nothing for the waiting list or for people never invited", "[ledger]") {
    CHECK_FALSE(
        domain::owed_message(event_at(0), person(RegistrationStatus::waitlisted), std::nullopt));
    CHECK_FALSE(
        domain::owed_message(event_at(0), person(RegistrationStatus::cancelled), std::nullopt));
    CHECK_FALSE(domain::owed_message(event_at(1, domain::EventStatus::cancelled),
                                     person(RegistrationStatus::registered), std::nullopt));
    // Cancelled once is enough.
    CHECK_FALSE(domain::owed_message(event_at(0), person(RegistrationStatus::cancelled),
                                     sent(Itip::cancel, 1, 0)));
}

TEST_CASE("unregister, register again: CANCEL above the REQUEST, REQUEST above the CANCEL",
          "[ledger]") {
    const auto event = event_at(0);
    const auto cancel = domain::owed_message(event, person(RegistrationStatus::cancelled),
                                             sent(Itip::request, 0, 0));
    REQUIRE(cancel);
    CHECK(cancel->method == Itip::cancel);
    CHECK(cancel->sequence == 1);
    CHECK(cancel->reason == SendReason::registration_cancelled);
    const auto again = domain::owed_message(event, person(RegistrationStatus::registered, 2),
                                            sent(Itip::cancel, 1, 0));
    REQUIRE(again);
    CHECK(again->method == Itip::request);
    CHECK(again->sequence == 2);
    CHECK(again->reason == SendReason::registered_again);
    // Their next change keeps climbing from there, not from the event's number.
    const auto changed = domain::owed_message(
        event_at(1), person(RegistrationStatus::registered, 2), sent(Itip::request, 2, 0));
    REQUIRE(changed);
    CHECK(changed->sequence == 3);
}

TEST_CASE("a cancelled event: a CANCEL to everyone invited", "[ledger]") {
    const auto event = event_at(1, domain::EventStatus::cancelled);
    for (const auto status : {RegistrationStatus::registered, RegistrationStatus::cancelled}) {
        const auto owed = domain::owed_message(event, person(status), sent(Itip::request, 0, 0));
        REQUIRE(owed);
        CHECK(owed->method == Itip::cancel);
        // The event's sequence, plus the step of a person who had unregistered already.
        CHECK(owed->sequence == (status == RegistrationStatus::cancelled ? 2 : 1));
        CHECK(owed->reason == SendReason::event_cancelled);
    }
    CHECK_FALSE(domain::owed_message(event, person(RegistrationStatus::registered),
                                     sent(Itip::cancel, 1, 1)));
}

TEST_CASE("the file exports use the ledger's numbers", "[ledger]") {
    const auto event = event_at(0);
    const auto registered = person(RegistrationStatus::registered);
    const auto cancelled = person(RegistrationStatus::cancelled);
    const auto again = person(RegistrationStatus::registered, 2);
    CHECK(domain::sequence_for(event, registered, Itip::request, std::nullopt) == 0);
    CHECK(domain::sequence_for(event, cancelled, Itip::cancel, std::nullopt) == 1);
    CHECK(domain::sequence_for(event, registered, Itip::request, sent(Itip::request, 0, 0)) == 0);
    CHECK(domain::sequence_for(event, again, Itip::request, sent(Itip::cancel, 1, 0)) == 2);
    CHECK(domain::sequence_for(event, cancelled, Itip::cancel, sent(Itip::cancel, 1, 0)) == 1);
    // Never at or below anything sent before, whatever the last message was.
    CHECK(domain::sequence_for(event, registered, Itip::request, sent(Itip::request, 4, 3, 5)) ==
          6);
}

TEST_CASE("without a ledger a person's numbers never go back: register, unregister, register",
          "[ledger]") {
    auto registration = person(RegistrationStatus::registered);
    CHECK(domain::sequence_for(event_at(0), registration, Itip::request, std::nullopt) == 0);
    domain::set_status(registration, RegistrationStatus::cancelled);
    CHECK(domain::sequence_for(event_at(0), registration, Itip::cancel, std::nullopt) == 1);
    domain::set_status(registration, RegistrationStatus::waitlisted);
    domain::set_status(registration, RegistrationStatus::registered);  // promoted: no step
    CHECK(registration.sequence_offset == 2);
    CHECK(domain::sequence_for(event_at(0), registration, Itip::request, std::nullopt) == 2);
    // A change of the event moves everyone up from where they are.
    CHECK(domain::sequence_for(event_at(1), registration, Itip::request, std::nullopt) == 3);
}

TEST_CASE("a person invited before a change hears of the change", "[ledger]") {
    CHECK(domain::changed_since_invited(event_at(3), sent(Itip::request, 2, 2)));
    CHECK_FALSE(domain::changed_since_invited(event_at(3), sent(Itip::request, 3, 3)));
    // Not invited before, or invited again after a cancellation: a plain invitation.
    CHECK_FALSE(domain::changed_since_invited(event_at(3), std::nullopt));
    CHECK_FALSE(domain::changed_since_invited(event_at(3), sent(Itip::cancel, 3, 2)));
}

TEST_CASE("only a new time or place makes a letter say the time changed", "[ledger]") {
    auto event = event_at(3);
    event.timezone = "Europe/Paris";
    event.start = domain::Instant{std::chrono::hours{10}};
    event.end = event.start + std::chrono::hours{1};
    auto last = sent(Itip::request, 2, 2);
    last.schedule = domain::schedule_of(event);
    // The title or the status changed (sequence 2 → 3) but not the time or place.
    CHECK(domain::changed_since_invited(event, last));
    CHECK_FALSE(domain::new_time_or_place(event, last));
    const auto owed = domain::owed_message(event, person(RegistrationStatus::registered), last);
    REQUIRE(owed);
    CHECK(owed->reason == SendReason::event_changed);
    CHECK_FALSE(owed->new_time_or_place);

    const std::vector<void (*)(domain::Event&)> moves{
        [](domain::Event& e) { e.start += std::chrono::minutes{30}; },
        [](domain::Event& e) { e.end += std::chrono::minutes{30}; },
        [](domain::Event& e) { e.venue = "Salle 2"; },
        [](domain::Event& e) { e.online_url = "https://example.org/new"; }};
    for (const auto moved : moves) {
        auto changed = event;
        moved(changed);
        CHECK(domain::new_time_or_place(changed, last));
        CHECK(domain::owed_message(changed, person(RegistrationStatus::registered), last)
                  ->new_time_or_place);
    }
    // Nothing sent since the change: nothing to announce.
    CHECK_FALSE(domain::new_time_or_place(event, std::nullopt));
    last.event_sequence = 3;
    last.schedule = "another place";
    CHECK_FALSE(domain::new_time_or_place(event, last));
}

TEST_CASE("the ledger's schedule gives back the event as the person got it", "[ledger]") {
    auto event = event_at(3);
    event.timezone = "Europe/Paris";
    event.start = domain::Instant{std::chrono::hours{458'000}};
    event.end = event.start + std::chrono::hours{1};
    event.venue = "Salle 1";
    event.join_url = "https://example.org/join";
    const auto schedule = domain::schedule_of(event);
    auto moved = event;
    moved.start += std::chrono::hours{1};
    moved.end += std::chrono::hours{1};
    moved.venue = "Salle 2";
    moved.join_url.clear();
    const auto as_sent = domain::event_as_sent(moved, schedule);
    REQUIRE(as_sent);
    CHECK(*as_sent == event);
    // What changed is carried to the letter with the message owed.
    auto last = sent(Itip::request, 2, 2);
    last.schedule = schedule;
    const auto owed = domain::owed_message(moved, person(RegistrationStatus::registered), last);
    REQUIRE(owed);
    CHECK(owed->previous_schedule == schedule);

    auto all_day = event;
    all_day.all_day = true;
    all_day.start_date = domain::Date{date::days{19'000}};
    all_day.end_date = domain::Date{date::days{19'002}};
    all_day.start = all_day.end = {};
    const auto dates = domain::event_as_sent(event, domain::schedule_of(all_day));
    REQUIRE(dates);
    CHECK(dates->all_day);
    CHECK(dates->start_date == all_day.start_date);
    CHECK(dates->end_date == all_day.end_date);
    // A room is kept too; a schedule kept before rooms were leaves the room as it is now.
    auto in_room = event;
    in_room.room = "Salle A";
    auto other_room = in_room;
    other_room.room = "Salle B";
    const auto roomed = domain::event_as_sent(other_room, domain::schedule_of(in_room));
    REQUIRE(roomed);
    CHECK(roomed->room == "Salle A");
    auto no_join = in_room;
    no_join.join_url.clear();
    CHECK(domain::event_as_sent(other_room, domain::schedule_of(no_join))->room == "Salle A");
    CHECK(domain::event_as_sent(other_room, "0..3600\x1fUTC\x1f\x1f")->room == "Salle B");
    CHECK(domain::event_as_sent(other_room, domain::schedule_of(event))->room.empty());
    CHECK(domain::schedule_of(moved) == domain::schedule_of(moved));
    // An old ledger row without a schedule, or anything else: unknown.
    CHECK_FALSE(domain::event_as_sent(event, ""));
    CHECK_FALSE(domain::event_as_sent(event, "x..y\x1fUTC\x1f\x1f"));
}
