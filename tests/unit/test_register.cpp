#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "convene/app/register.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using domain::RegistrationStatus;
using testing::k_now;

namespace {

domain::RegistrationRequest request(std::string email) {
    domain::RegistrationRequest r;
    r.name = "Person";
    r.email = std::move(email);
    return r;
}

void sign_up(store::Database& db, const domain::Event& event, const char* email) {
    store::RegistrationStore store(db);
    app::Registrar(store, event, k_now, app::OnDuplicate::error, false).add(request(email));
}

}  // namespace

TEST_CASE("follow_capacity: a raised capacity promotes in order, a lowered one nobody",
          "[register]") {
    store::Database db(":memory:");
    auto event = testing::stored(db, testing::an_event("briefing", 2));
    for (const auto* email : {"a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"}) {
        sign_up(db, event, email);
    }

    event.capacity = 3;
    auto raised = app::follow_capacity(db, event, k_now);
    REQUIRE(raised.promoted.size() == 1);
    CHECK(raised.promoted[0].email == "c@x.org");
    CHECK(raised.registered == 3);

    event.capacity = 1;
    const auto lowered = app::follow_capacity(db, event, k_now);
    CHECK(lowered.promoted.empty());
    CHECK(lowered.registered == 3);  // nobody loses a seat
    store::RegistrationStore store(db);
    CHECK(store.count(event.id, RegistrationStatus::registered) == 3);

    event.capacity = std::nullopt;  // no limit: everyone waiting gets in, in order
    const auto removed = app::follow_capacity(db, event, k_now);
    REQUIRE(removed.promoted.size() == 2);
    CHECK(removed.promoted[0].email == "d@x.org");
    CHECK(removed.promoted[1].email == "e@x.org");
    CHECK(removed.registered == 5);
}
