#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"

using namespace convene;
using domain::Itip;

namespace {

domain::Instant at(std::int64_t seconds) { return domain::Instant{std::chrono::seconds{seconds}}; }

std::int64_t add_event(store::Database& db) {
    domain::Event event;
    event.slug = "e";
    event.uid = "e@test";
    event.title = "Test";
    event.timezone = "UTC";
    event.start = at(1'700'000'000);
    event.end = at(1'700'003'600);
    return store::EventStore(db).insert(event);
}

store::SentMessage message(std::int64_t event_id, std::string recipient, Itip method,
                           std::int64_t sequence, std::int64_t time) {
    return {.event_id = event_id,
            .event_uid = "e@test",
            .recipient = std::move(recipient),
            .method = method,
            .sequence = sequence,
            .event_sequence = 0,
            .message_id = fmt::format("<{}@test>", time),
            .sent_at = at(time)};
}

}  // namespace

TEST_CASE("the ledger gives each person's last message and highest sequence", "[ledger]") {
    store::Database db(":memory:");
    const auto event_id = add_event(db);
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
    const auto all = ledger.last_sent_all(event_id);
    CHECK(all.size() == 2);
    CHECK(all.at("joe@example.org").method == Itip::request);
    CHECK(ledger.count(event_id) == 3);
}

TEST_CASE("a reply replaces the person's previous one", "[ledger]") {
    store::Database db(":memory:");
    const auto event_id = add_event(db);
    store::LedgerStore ledger(db);
    ledger.record_reply(event_id, "Jane@Example.org",
                        {.partstat = "TENTATIVE", .sequence = 0, .replied_at = at(1),
                         .received_at = at(2)});
    ledger.record_reply(event_id, "jane@example.org",
                        {.partstat = "ACCEPTED", .sequence = 1, .replied_at = at(3),
                         .received_at = at(4)});
    const auto reply = ledger.reply(event_id, "JANE@EXAMPLE.ORG");
    REQUIRE(reply);
    CHECK(reply->partstat == "ACCEPTED");
    CHECK(reply->sequence == 1);
    CHECK(ledger.replies(event_id).size() == 1);
}
