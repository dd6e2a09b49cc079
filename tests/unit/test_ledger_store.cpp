#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "convene/store/erasure.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "sqlite_handle.hpp"
#include "testing.hpp"

using namespace convene;
using domain::Itip;
using testing::at;

namespace {

struct Ledger : testing::StoreWithEvent {
    const std::int64_t event_id{event.id};
};

store::SentMessage message(std::int64_t event_id, std::string recipient, Itip method,
                           std::int64_t sequence, std::int64_t time) {
    return {.event_id = event_id,
            .event_uid = "e@test",
            .recipient = std::move(recipient),
            .method = method,
            .sequence = sequence,
            .event_sequence = 0,
            .message_id = fmt::format("<{}@test>", time),
            .sent_at = at(time),
            .schedule = fmt::format("schedule {}", time)};
}

}  // namespace

TEST_CASE("the ledger gives each person's last message and highest sequence", "[ledger]") {
    Ledger fixture;
    auto& db = fixture.db;
    const auto event_id = fixture.event_id;
    store::LedgerStore ledger(db);
    CHECK_FALSE(ledger.last_sent(event_id, "jane@example.org"));
    ledger.record(message(event_id, "Jane@Example.org", Itip::request, 0, 10));
    ledger.record(message(event_id, "jane@example.org", Itip::cancel, 1, 20));
    ledger.record(message(event_id, "joe@example.org", Itip::request, 0, 30));

    const auto jane = ledger.last_sent(event_id, "JANE@example.org");
    REQUIRE(jane);
    CHECK(jane->method == Itip::cancel);
    CHECK(jane->sequence == 1);
    CHECK(jane->highest_sequence == 1);
    CHECK(jane->sent_at == at(20));
    CHECK(jane->schedule == "schedule 20");
    const auto all = ledger.last_sent_all(event_id);
    CHECK(all.size() == 2);
    CHECK(all.at("joe@example.org").method == Itip::request);
    CHECK(ledger.count(event_id) == 3);
}

TEST_CASE("a reply replaces the person's previous one", "[ledger]") {
    Ledger fixture;
    auto& db = fixture.db;
    const auto event_id = fixture.event_id;
    store::LedgerStore ledger(db);
    ledger.record_reply(
        event_id, "Jane@Example.org",
        {.partstat = "TENTATIVE", .sequence = 0, .replied_at = at(1), .received_at = at(2)});
    ledger.record_reply(
        event_id, "jane@example.org",
        {.partstat = "ACCEPTED", .sequence = 1, .replied_at = at(3), .received_at = at(4)});
    const auto reply = ledger.reply(event_id, "JANE@EXAMPLE.ORG");
    REQUIRE(reply);
    CHECK(reply->partstat == "ACCEPTED");
    CHECK(reply->sequence == 1);
    CHECK(ledger.replies(event_id).size() == 1);
}

TEST_CASE("a ledger row edited by hand is damaged storage, not a bug", "[ledger]") {
    Ledger fixture;
    store::LedgerStore ledger(fixture.db);
    ledger.record(message(fixture.event_id, "jane@example.org", Itip::request, 0, 10));
    store::sqlite(fixture.db).exec("UPDATE sent_message SET sent_at = 'yesterday'");
    CHECK(testing::code_of([&] { ledger.last_sent(fixture.event_id, "jane@example.org"); }) ==
          ExitCode::storage);
}

TEST_CASE("erasing a registration erases what the ledger holds for that person", "[ledger]") {
    Ledger fixture;
    store::RegistrationStore registrations(fixture.db);
    domain::Registration jane;
    jane.event_id = fixture.event_id;
    jane.name = "Jane";
    jane.email = "Jane@example.org";
    jane.registered_at = at(5);
    const auto id = registrations.insert(jane);
    store::LedgerStore ledger(fixture.db);
    ledger.record(message(fixture.event_id, "jane@example.org", Itip::request, 0, 10));
    ledger.record(message(fixture.event_id, "joe@example.org", Itip::request, 0, 11));
    ledger.record_reply(
        fixture.event_id, "jane@example.org",
        {.partstat = "ACCEPTED", .sequence = 0, .replied_at = at(12), .received_at = at(13)});
    ledger.record_refusal(fixture.event_id, "jane@example.org",
                          {.method = Itip::request,
                           .sequence = 1,
                           .outcome = store::AttemptOutcome::permanent,
                           .reason = "550 <jane@example.org> unknown",
                           .attempted_at = at(14)});
    store::erase_registration(fixture.db, id);
    CHECK(ledger.attempts(fixture.event_id).empty());
    CHECK_FALSE(ledger.last_sent(fixture.event_id, "jane@example.org"));
    CHECK_FALSE(ledger.reply(fixture.event_id, "jane@example.org"));
    CHECK(ledger.last_sent(fixture.event_id, "joe@example.org"));  // others stay
}

TEST_CASE("a delivery attempt is marked before, cleared by the record, kept when refused",
          "[ledger]") {
    Ledger fixture;
    store::LedgerStore ledger(fixture.db);
    const auto event_id = fixture.event_id;
    ledger.begin_attempt(event_id, "Jane@example.org",
                         {.method = Itip::request,
                          .sequence = 2,
                          .outcome = store::AttemptOutcome::pending,
                          .reason = {},
                          .attempted_at = at(20)});
    auto attempts = ledger.attempts(event_id);
    REQUIRE(attempts.size() == 1);
    const auto& pending = attempts.at("jane@example.org");
    CHECK(pending.outcome == store::AttemptOutcome::pending);
    CHECK(pending.sequence == 2);
    CHECK(pending.attempted_at == at(20));
    // Recorded as sent: the mark goes in the same transaction.
    ledger.record(message(event_id, "jane@example.org", Itip::request, 2, 21));
    CHECK(ledger.attempts(event_id).empty());
    // Refused: the mark says so, with the mail system's words.
    ledger.begin_attempt(event_id, "joe@example.org",
                         {.method = Itip::cancel,
                          .sequence = 3,
                          .outcome = store::AttemptOutcome::pending,
                          .reason = {},
                          .attempted_at = at(22)});
    ledger.record_refusal(event_id, "joe@example.org",
                          {.method = Itip::cancel,
                           .sequence = 3,
                           .outcome = store::AttemptOutcome::temporary,
                           .reason = "451 try later",
                           .attempted_at = at(23)});
    attempts = ledger.attempts(event_id);
    REQUIRE(attempts.size() == 1);
    CHECK(attempts.at("joe@example.org").outcome == store::AttemptOutcome::temporary);
    CHECK(attempts.at("joe@example.org").method == Itip::cancel);
    CHECK(attempts.at("joe@example.org").reason == "451 try later");
}
