#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "convene/app/send.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using domain::Itip;
using testing::k_now;

namespace {

// A mail system in memory: accepts everyone but the addresses in `refused`.
class FakeTransport final : public io::MailTransport {
public:
    std::vector<std::string> refused;
    bool permanent{true};                                        // refused with a 5xx, else a 4xx
    std::vector<std::pair<std::string, std::string>> delivered;  // (to, message)

    io::Delivery deliver(std::string_view, std::string_view to, std::string_view message) override {
        if (std::find(refused.begin(), refused.end(), to) != refused.end()) {
            return {.accepted = false,
                    .permanent = permanent,
                    .detail = permanent ? "550 no such mailbox" : "451 try later"};
        }
        delivered.emplace_back(std::string(to), std::string(message));
        return {.accepted = true, .permanent = false, .detail = {}};
    }
};

void add(store::Database& db, const domain::Event& event, std::string email,
         domain::RegistrationStatus status = domain::RegistrationStatus::registered) {
    domain::Registration r;
    r.event_id = event.id;
    r.name = "Person";
    r.email = std::move(email);
    r.status = status;
    r.registered_at = k_now;
    store::RegistrationStore(db).insert(r);
}

app::MessageSettings settings() {
    return {.organiser = {"Mayors Mechanism", "events@example.org"},
            .stamp = k_now,
            .eml = false,  // send writes e-mails whatever this says
            .other_zones = {},
            .templates_dir = {}};
}

app::SendResult send_all(store::Database& db, const domain::Event& event,
                         FakeTransport& transport) {
    app::NoProgress progress;
    return app::send_planned(
        db, event, app::plan_send(db, event), {}, settings(), transport, [] { return k_now; },
        progress);
}

}  // namespace

TEST_CASE("send delivers what the plan owes, once, and the ledger remembers", "[send]") {
    testing::StoreWithEvent fixture;
    auto& db = fixture.db;
    add(db, fixture.event, "a@example.org");
    add(db, fixture.event, "b@example.org");
    add(db, fixture.event, "w@example.org", domain::RegistrationStatus::waitlisted);

    const auto plan = app::plan_send(db, fixture.event);
    REQUIRE(plan.size() == 2);  // nothing for the waiting list
    CHECK(plan[0].email == "a@example.org");
    CHECK(plan[0].owed.method == Itip::request);
    CHECK(domain::describe(plan[0].owed) == "new registration");

    FakeTransport transport;
    const auto result = send_all(db, fixture.event, transport);
    CHECK(result.requests == 2);
    CHECK(result.failures.empty());
    REQUIRE(transport.delivered.size() == 2);
    // Whole e-mails, with the calendar as a REQUEST.
    CHECK(transport.delivered[0].second.find("Message-ID: <") != std::string::npos);
    CHECK(transport.delivered[0].second.find("method=REQUEST") != std::string::npos);

    CHECK(app::plan_send(db, fixture.event).empty());  // a second run owes nothing
}

TEST_CASE("a refused recipient stays owed and the others are recorded", "[send]") {
    testing::StoreWithEvent fixture;
    auto& db = fixture.db;
    add(db, fixture.event, "a@example.org");
    add(db, fixture.event, "b@example.org");
    FakeTransport transport;
    transport.refused = {"a@example.org"};
    const auto result = send_all(db, fixture.event, transport);
    CHECK(result.requests == 1);
    REQUIRE(result.failures.size() == 1);
    CHECK(result.failures[0].message.email == "a@example.org");
    CHECK(result.failures[0].reason == "550 no such mailbox");
    CHECK(result.failures[0].permanent);
    const auto plan = app::plan_send(db, fixture.event);
    REQUIRE(plan.size() == 1);
    CHECK(plan[0].email == "a@example.org");
}

TEST_CASE("refused for good or left in doubt: held back until retry_failed", "[send]") {
    testing::StoreWithEvent fixture;
    auto& db = fixture.db;
    add(db, fixture.event, "a@example.org");
    add(db, fixture.event, "b@example.org");
    FakeTransport transport;
    transport.refused = {"a@example.org"};
    send_all(db, fixture.event, transport);
    // A run that stopped after handing c's message over, before recording it.
    add(db, fixture.event, "c@example.org");
    store::LedgerStore(db).begin_attempt(fixture.event.id, "c@example.org",
                                         {.method = Itip::request,
                                          .sequence = 0,
                                          .outcome = store::AttemptOutcome::pending,
                                          .reason = {},
                                          .attempted_at = k_now});
    // b was recorded; a refused for good and c in doubt are held back.
    auto plan = app::plan_send(db, fixture.event);
    REQUIRE(plan.size() == 2);
    CHECK(plan[0].email == "a@example.org");
    CHECK(plan[0].held_back);
    REQUIRE(plan[0].attempt);
    CHECK(plan[0].attempt->reason == "550 no such mailbox");
    CHECK(plan[1].email == "c@example.org");
    CHECK(plan[1].held_back);
    CHECK(plan[1].attempt->outcome == store::AttemptOutcome::pending);
    transport.refused.clear();
    transport.delivered.clear();
    CHECK(send_all(db, fixture.event, transport).requests == 0);
    CHECK(transport.delivered.empty());
    // Asked to, it sends them.
    plan = app::plan_send(db, fixture.event, true);
    REQUIRE(plan.size() == 2);
    CHECK_FALSE(plan[0].held_back);
    app::NoProgress progress;
    const auto result = app::send_planned(
        db, fixture.event, plan, {}, settings(), transport, [] { return k_now; }, progress);
    CHECK(result.requests == 2);
    CHECK(app::plan_send(db, fixture.event).empty());
}

TEST_CASE("a refusal for now is tried again by the next run", "[send]") {
    testing::StoreWithEvent fixture;
    auto& db = fixture.db;
    add(db, fixture.event, "a@example.org");
    FakeTransport transport;
    transport.refused = {"a@example.org"};
    transport.permanent = false;
    send_all(db, fixture.event, transport);
    const auto plan = app::plan_send(db, fixture.event);
    REQUIRE(plan.size() == 1);
    CHECK_FALSE(plan[0].held_back);
    CHECK(plan[0].attempt->outcome == store::AttemptOutcome::temporary);
}

namespace {

// A mail system that fails as a whole: unreachable, or silent after the message's data.
class FailingTransport final : public io::MailTransport {
public:
    bool in_doubt{false};
    io::Delivery deliver(std::string_view, std::string_view, std::string_view) override {
        if (in_doubt) throw io::DeliveryInDoubt("no answer after the data");
        throw DeliveryError("cannot connect");
    }
};

}  // namespace

TEST_CASE("a mail system that fails as a whole leaves in doubt only what may have gone out",
          "[send]") {
    testing::StoreWithEvent fixture;
    auto& db = fixture.db;
    add(db, fixture.event, "a@example.org");
    app::NoProgress progress;
    FailingTransport transport;
    const auto send = [&] {
        app::send_planned(
            db, fixture.event, app::plan_send(db, fixture.event), {}, settings(), transport,
            [] { return k_now; }, progress);
    };
    CHECK_THROWS_AS(send(), DeliveryError);
    auto plan = app::plan_send(db, fixture.event);
    REQUIRE(plan.size() == 1);
    CHECK_FALSE(plan[0].attempt);  // nothing went out: owed as before
    CHECK_FALSE(plan[0].held_back);
    transport.in_doubt = true;
    CHECK_THROWS_AS(send(), io::DeliveryInDoubt);
    plan = app::plan_send(db, fixture.event);
    REQUIRE(plan.size() == 1);
    CHECK(plan[0].held_back);
    CHECK(plan[0].attempt->outcome == store::AttemptOutcome::pending);
}
