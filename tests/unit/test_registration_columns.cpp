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

TEST_CASE("csv columns: a reused request holds nothing of the row before",
          "[registration_columns]") {
    RegistrationColumns columns({"email", "organisation", "status", "registered_at",
                                 "checked_in_at", "badge", "First", "Last"},
                                false, {"name=First+Last"});
    domain::RegistrationRequest request;
    columns.fill({"ana@x.org", " CGLU ", "cancelled", "2023-11-14T22:13:20Z",
                  "2023-11-15T08:00:00Z", "'=1+1", "Ana", "'-Silva"},
                 request);
    CHECK(request.name == "Ana -Silva");  // each part restored where it starts
    CHECK(*request.organisation == "CGLU");
    CHECK(*request.status == domain::RegistrationStatus::cancelled);
    CHECK(request.registered_at);
    CHECK(request.checked_in_at);
    CHECK(request.fields == Pairs{{"badge", "=1+1"}});

    columns.fill({"bo@x.org", "", "", "", "", "", "Bo", ""}, request);
    CHECK(request.name == "Bo");
    CHECK(request.email == "bo@x.org");
    CHECK(*request.organisation == "");
    CHECK_FALSE(request.status);
    CHECK_FALSE(request.registered_at);
    CHECK_FALSE(request.checked_in_at);
    CHECK(request.fields == Pairs{{"badge", ""}});
    CHECK_FALSE(request.language);
}

TEST_CASE("csv columns: unknown ones are dropped on request", "[registration_columns]") {
    RegistrationColumns columns({"name", "email", "Diet", "id"}, true);
    CHECK(columns.request({"Ana", "ana@x.org", "vegan", "1"}).fields.empty());
    CHECK(columns.ignored() == Fields{"Diet"});
}

TEST_CASE("csv columns: name and email are required, once", "[registration_columns]") {
    CHECK_THROWS_WITH(RegistrationColumns({"name", "contact"}, false),
                      "the header has no 'email' column");
    CHECK_THROWS_WITH(RegistrationColumns({"email"}, false), "the header has no 'name' column");
    CHECK_THROWS_WITH(RegistrationColumns({"name", "email", "Email"}, false),
                      "two columns name the email: \"email\" and \"Email\"");
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

TEST_CASE("csv columns: other platforms' and languages' names", "[registration_columns]") {
    // Google Forms.
    RegistrationColumns google(
        {"Timestamp", "Email Address", "First name", "Last name", "Organization", "Language"},
        false);
    auto request = google.request({"2024", "ana@x.org", "Ana", "Silva", "CGLU", "French"});
    CHECK(request.name == "Ana Silva");
    CHECK(request.email == "ana@x.org");
    CHECK(*request.organisation == "CGLU");
    CHECK(*request.language == "French");  // matched to a tag by domain::normalise
    CHECK(request.fields == Pairs{{"Timestamp", "2024"}});
    // French and Spanish, any case and accents; Nom next to Prénom is the family name.
    RegistrationColumns french({"NOM", "prénom", "Adresse E-mail", "Société"}, false);
    CHECK(french.request({"Dupont", "Léa", "lea@x.org", "ACME"}).name == "Léa Dupont");
    RegistrationColumns nom({"Nom", "Courriel"}, false);
    CHECK(nom.request({"Léa Dupont", "lea@x.org"}).name == "Léa Dupont");
    RegistrationColumns spanish({"Nombre", "Apellidos", "Correo electrónico", "Organización"},
                                false);
    CHECK(spanish.request({"José", "Núñez", "j@x.org", "Ayto"}).name == "José Núñez");
    // pretix: the attendee's email first, the buyer's when it is empty.
    RegistrationColumns pretix(
        {"Order code", "Attendee name", "Email", "Attendee email", "Company"}, false);
    CHECK(pretix.request({"X1", "Ana", "buyer@x.org", "ana@x.org", "C"}).email == "ana@x.org");
    CHECK(pretix.request({"X1", "Ana", "buyer@x.org", "", "C"}).email == "buyer@x.org");
    // Next to convene's own name, another name for the field stays a custom field.
    RegistrationColumns own({"name", "email", "organisation", "Company"}, false);
    const auto mine = own.request({"A", "a@x.org", "CGLU", "ACME"});
    CHECK(*mine.organisation == "CGLU");
    CHECK(mine.fields == Pairs{{"Company", "ACME"}});
    // Indico.
    RegistrationColumns indico({"First Name", "Last Name", "Email Address", "Affiliation"}, false);
    CHECK(*indico.request({"A", "B", "a@x.org", "CERN"}).organisation == "CERN");
}

TEST_CASE("csv columns: maps name and join columns", "[registration_columns]") {
    RegistrationColumns columns({"Given", "Family", "E-post", "Dietary needs", "Other"}, false,
                                {"name=Given+Family", "E-post=email", "Dietary needs=diet"});
    const auto request = columns.request({"Ana", "Silva", "ana@x.org", "vegan", "o"});
    CHECK(request.name == "Ana Silva");
    CHECK(request.email == "ana@x.org");
    CHECK(request.fields == Pairs{{"diet", "vegan"}, {"Other", "o"}});
    CHECK(columns.describe() == Fields{"name ← \"Given\" + \"Family\"", "email ← \"E-post\"",
                                       "custom field \"diet\" ← \"Dietary needs\"",
                                       "custom field \"Other\" ← \"Other\""});
    // Empty parts leave no stray space; a reversed FIELD=COLUMN works too.
    RegistrationColumns reversed({"Who", "Mail"}, false, {"name=Who", "email=Mail"});
    CHECK(reversed.request({"Ana", "a@x.org"}).email == "a@x.org");
    CHECK(columns.request({"", "Silva", "a@x.org", "", ""}).name == "Silva");
    CHECK_THROWS_WITH(RegistrationColumns({"a", "b"}, false, {"Nope=email"}),
                      "map 'Nope=email': the header has no column 'Nope'");
    CHECK_THROWS_WITH(RegistrationColumns({"a", "b"}, false, {"a"}),
                      "map 'a' is neither COLUMN=FIELD nor FIELD=COLUMN+COLUMN");
    CHECK_THROWS_AS(RegistrationColumns({"Who", "Post"}, false, {"Who=name"}), io::MissingColumn);
}

TEST_CASE("csv columns: unnamed columns must stay empty", "[registration_columns]") {
    RegistrationColumns columns({"name", "email", ""}, false);
    CHECK(columns.unnamed() == std::vector<std::size_t>{3});
    CHECK(columns.request({"A", "a@x.org", ""}).fields.empty());
    CHECK_THROWS_WITH(columns.request({"A", "a@x.org", "x"}),
                      "column 3 has no name in the header, but holds \"x\"");
}

TEST_CASE("csv columns take away the quote that neutralised a formula", "[registration_columns]") {
    RegistrationColumns columns({"name", "email", "note"}, false);
    const auto request = columns.request({"'=HYPERLINK(\"x\")", "a@x.org", "''-1"});
    CHECK(request.name == "=HYPERLINK(\"x\")");
    CHECK(request.fields == Pairs{{"note", "'-1"}});
    CHECK(columns.request({"'plain", "a@x.org", "'"}).name == "'plain");
}
