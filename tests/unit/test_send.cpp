#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "convene/app/send.hpp"
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
    std::vector<std::pair<std::string, std::string>> delivered;  // (to, message)

    io::Delivery deliver(std::string_view, std::string_view to, std::string_view message) override {
        if (std::find(refused.begin(), refused.end(), to) != refused.end()) {
            return {.accepted = false, .permanent = true, .detail = "550 no such mailbox"};
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

TEST_CASE("a refused recipient stays owed; the others are recorded", "[send]") {
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
