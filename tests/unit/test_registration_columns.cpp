#include <catch2/catch.hpp>

#include "convene/io/registration_columns.hpp"

using namespace convene;
using io::RegistrationColumns;
using io::RowError;
using Fields = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("csv columns map to registration fields by name, any case", "[registration_columns]") {
    RegistrationColumns columns({"Email", "NAME", "organization", "Language", "id", "Diet"}, false);
    const auto request = columns.request({"ana@x.org", "Ana", "CGLU", "fr", "17", "vegan"});
    CHECK(request.email == "ana@x.org");
    CHECK(request.name == "Ana");
    CHECK(*request.organisation == "CGLU");
    CHECK(*request.language == "fr");
    CHECK(request.fields == Pairs{{"Diet", "vegan"}});  // id is ignored
    CHECK(columns.custom() == Fields{"Diet"});
    CHECK(columns.ignored().empty());
}

TEST_CASE("csv columns read what list attendees writes", "[registration_columns]") {
    RegistrationColumns columns({"name", "email", "organisation", "language", "status",
                                 "registered_at", "checked_in_at", "badge"},
                                false);
    const auto request =
        columns.request({"Ana", "ana@x.org", "", "", "cancelled", "2023-11-14T22:13:20Z", "", ""});
    CHECK(*request.status == domain::RegistrationStatus::cancelled);
    CHECK(request.registered_at->time_since_epoch().count() == 1'700'000'000);
    CHECK_FALSE(request.checked_in_at);
    CHECK(*request.organisation == "");
    CHECK(request.fields == Pairs{{"badge", ""}});
}

TEST_CASE("csv columns: unknown ones are dropped on request", "[registration_columns]") {
    RegistrationColumns columns({"name", "email", "Diet", "id"}, true);
    CHECK(columns.request({"Ana", "ana@x.org", "vegan", "1"}).fields.empty());
    CHECK(columns.ignored() == Fields{"Diet"});
}

TEST_CASE("csv columns: name and email are required, once", "[registration_columns]") {
    CHECK_THROWS_WITH(RegistrationColumns({"name", "mail"}, false),
                      "the header has no 'email' column");
    CHECK_THROWS_WITH(RegistrationColumns({"email"}, false), "the header has no 'name' column");
    CHECK_THROWS_WITH(RegistrationColumns({"name", "email", "Email"}, false),
                      "two columns name the email");
}

TEST_CASE("csv columns reject a bad status or time", "[registration_columns]") {
    RegistrationColumns columns({"name", "email", "status", "registered_at"}, false);
    CHECK_THROWS_WITH(columns.request({"A", "a@x.org", "maybe", ""}),
                      "status 'maybe' is not registered, waitlisted or cancelled");
    CHECK_THROWS_AS(columns.request({"A", "a@x.org", "", "yesterday"}), RowError);
    CHECK(*columns.request({"A", "a@x.org", "Waitlisted", ""}).status ==
          domain::RegistrationStatus::waitlisted);
}

TEST_CASE("json objects map like csv columns", "[registration_columns]") {
    const auto object = nlohmann::ordered_json::parse(
        R"({"name":"Ana","email":"ana@x.org","organisation":null,"id":3,"seats":2,)"
        R"("vip":true,"diet":"vegan","note":null})");
    const auto request = io::request_from_json(object, false);
    CHECK(request.name == "Ana");
    CHECK(*request.organisation == "");
    CHECK(request.fields ==
          Pairs{{"seats", "2"}, {"vip", "true"}, {"diet", "vegan"}, {"note", ""}});
    CHECK(io::request_from_json(object, true).fields.empty());
}

TEST_CASE("json objects need a name and an email as strings", "[registration_columns]") {
    using nlohmann::ordered_json;
    CHECK_THROWS_WITH(io::request_from_json(ordered_json::parse(R"({"name":"A"})"), false),
                      "no \"email\"");
    CHECK_THROWS_WITH(
        io::request_from_json(ordered_json::parse(R"({"name":"A","email":5})"), false),
        "\"email\" must be a string, not number");
    CHECK_THROWS_WITH(io::request_from_json(
                          ordered_json::parse(R"({"name":"A","email":"a@x.org","x":[1]})"), false),
                      "\"x\" must be a string, not array");
}
