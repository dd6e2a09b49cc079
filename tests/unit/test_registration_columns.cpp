#include <algorithm>

#include <date/tz.h>
#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/io/registration_columns.hpp"

using namespace convene;
using io::RegistrationColumns;
using Fields = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

namespace {

RegistrationColumns columns_of(const Fields& header, bool ignore_unknown, const Fields& maps = {}) {
    auto columns = RegistrationColumns::read(header, ignore_unknown, maps);
    if (!columns) FAIL(columns.problem().message);
    return *std::move(columns);
}

io::HeaderProblem header_problem(const Fields& header, bool ignore_unknown,
                                 const Fields& maps = {}) {
    auto columns = RegistrationColumns::read(header, ignore_unknown, maps);
    REQUIRE_FALSE(columns);
    return columns.problem();
}

domain::RegistrationRequest request_of(const RegistrationColumns& columns, const Fields& fields) {
    domain::RegistrationRequest request;
    if (const auto problem = columns.fill(fields, request)) FAIL(*problem);
    return request;
}

std::string row_problem(const RegistrationColumns& columns, const Fields& fields) {
    domain::RegistrationRequest request;
    const auto problem = columns.fill(fields, request);
    REQUIRE(problem);
    return *problem;
}

domain::RegistrationRequest json_request(const nlohmann::ordered_json& object,
                                         bool ignore_unknown) {
    auto request = io::request_from_json(object, ignore_unknown);
    if (!request) FAIL(request.problem());
    return *std::move(request);
}

std::string json_problem(const nlohmann::ordered_json& object) {
    const auto request = io::request_from_json(object, false);
    REQUIRE_FALSE(request);
    return request.problem();
}

}  // namespace

TEST_CASE("csv columns map to registration fields by name, any case", "[registration_columns]") {
    const auto columns =
        columns_of({"Email", "NAME", "organization", "Language", "id", "Diet"}, false);
    const auto request = request_of(columns, {"ana@x.org", "Ana", "CGLU", "fr", "17", "vegan"});
    CHECK(request.email == "ana@x.org");
    CHECK(request.name == "Ana");
    CHECK(*request.organisation == "CGLU");
    CHECK(*request.language == "fr");
    CHECK(request.fields == Pairs{{"Diet", "vegan"}});  // id is ignored
    CHECK(columns.custom() == Fields{"Diet"});
    CHECK(columns.ignored().empty());
}

TEST_CASE("csv columns read what list attendees writes", "[registration_columns]") {
    const auto columns = columns_of({"name", "email", "organisation", "language", "status",
                                     "registered_at", "checked_in_at", "badge"},
                                    false);
    const auto request = request_of(
        columns, {"Ana", "ana@x.org", "", "", "cancelled", "2023-11-14T22:13:20Z", "", ""});
    CHECK(*request.status == domain::RegistrationStatus::cancelled);
    CHECK(request.registered_at->time_since_epoch().count() == 1'700'000'000);
    CHECK_FALSE(request.checked_in_at);
    CHECK(*request.organisation == "");
    CHECK(request.fields == Pairs{{"badge", ""}});
}

TEST_CASE("csv columns: a reused request holds nothing of the row before",
          "[registration_columns]") {
    const auto columns = columns_of({"email", "organisation", "status", "registered_at",
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
    const auto columns = columns_of({"name", "email", "Diet", "id"}, true);
    CHECK(request_of(columns, {"Ana", "ana@x.org", "vegan", "1"}).fields.empty());
    CHECK(columns.ignored() == Fields{"Diet"});
}

TEST_CASE("csv columns: name and email are required, once", "[registration_columns]") {
    CHECK(header_problem({"name", "contact"}, false).message == "the header has no 'email' column");
    CHECK(header_problem({"email"}, false).message == "the header has no 'name' column");
    CHECK(header_problem({"name", "email", "Email"}, false).message ==
          "two columns name the email: \"email\" and \"Email\"");
}

TEST_CASE("csv columns reject a bad status or time", "[registration_columns]") {
    const auto columns = columns_of({"name", "email", "status", "registered_at"}, false);
    CHECK(row_problem(columns, {"A", "a@x.org", "maybe", ""}) ==
          "status 'maybe' is not registered, waitlisted or cancelled");
    CHECK(row_problem(columns, {"A", "a@x.org", "", "yesterday"}).starts_with("registered_at: "));
    CHECK(*request_of(columns, {"A", "a@x.org", "Waitlisted", ""}).status ==
          domain::RegistrationStatus::waitlisted);
}

TEST_CASE("json objects map like csv columns", "[registration_columns]") {
    const auto object = nlohmann::ordered_json::parse(
        R"({"name":"Ana","email":"ana@x.org","organisation":null,"id":3,"seats":2,)"
        R"("vip":true,"diet":"vegan","note":null})");
    const auto request = json_request(object, false);
    CHECK(request.name == "Ana");
    CHECK(*request.organisation == "");
    CHECK(request.fields ==
          Pairs{{"seats", "2"}, {"vip", "true"}, {"diet", "vegan"}, {"note", ""}});
    CHECK(json_request(object, true).fields.empty());
}

TEST_CASE("json objects need a name and an email as strings", "[registration_columns]") {
    using nlohmann::ordered_json;
    CHECK(json_problem(ordered_json::parse(R"({"name":"A"})")) == "no \"email\"");
    CHECK(json_problem(ordered_json::parse(R"({"name":"A","email":5})")) ==
          "\"email\" must be a string, not number");
    CHECK(json_problem(ordered_json::parse(R"({"name":"A","email":"a@x.org","x":[1]})")) ==
          "\"x\" must be a string, not array");
    CHECK(json_problem(ordered_json::parse(R"({"name":"A","email":"a@x.org","organization":1})")) ==
          "\"organization\" must be a string, not number");
}

TEST_CASE("csv columns: other platforms' and languages' names", "[registration_columns]") {
    // Google Forms.
    const auto google = columns_of(
        {"Timestamp", "Email Address", "First name", "Last name", "Organization", "Language"},
        false);
    auto request = request_of(google, {"2024", "ana@x.org", "Ana", "Silva", "CGLU", "French"});
    CHECK(request.name == "Ana Silva");
    CHECK(request.email == "ana@x.org");
    CHECK(*request.organisation == "CGLU");
    CHECK(*request.language == "French");  // matched to a tag by domain::normalise
    CHECK(request.fields == Pairs{{"Timestamp", "2024"}});
    // French and Spanish, any case and accents; Nom next to Prénom is the family name.
    const auto french = columns_of({"NOM", "prénom", "Adresse E-mail", "Société"}, false);
    CHECK(request_of(french, {"Dupont", "Léa", "lea@x.org", "ACME"}).name == "Léa Dupont");
    const auto nom = columns_of({"Nom", "Courriel"}, false);
    CHECK(request_of(nom, {"Léa Dupont", "lea@x.org"}).name == "Léa Dupont");
    const auto spanish =
        columns_of({"Nombre", "Apellidos", "Correo electrónico", "Organización"}, false);
    CHECK(request_of(spanish, {"José", "Núñez", "j@x.org", "Ayto"}).name == "José Núñez");
    // pretix: the attendee's email first, the buyer's when it is empty.
    const auto pretix =
        columns_of({"Order code", "Attendee name", "Email", "Attendee email", "Company"}, false);
    CHECK(request_of(pretix, {"X1", "Ana", "buyer@x.org", "ana@x.org", "C"}).email == "ana@x.org");
    CHECK(request_of(pretix, {"X1", "Ana", "buyer@x.org", "", "C"}).email == "buyer@x.org");
    // Next to convene's own name, another name for the field stays a custom field.
    const auto own = columns_of({"name", "email", "organisation", "Company"}, false);
    const auto mine = request_of(own, {"A", "a@x.org", "CGLU", "ACME"});
    CHECK(*mine.organisation == "CGLU");
    CHECK(mine.fields == Pairs{{"Company", "ACME"}});
    // Indico.
    const auto indico =
        columns_of({"First Name", "Last Name", "Email Address", "Affiliation"}, false);
    CHECK(*request_of(indico, {"A", "B", "a@x.org", "CERN"}).organisation == "CERN");
}

TEST_CASE("csv columns: maps name and join columns", "[registration_columns]") {
    const auto columns = columns_of({"Given", "Family", "E-post", "Dietary needs", "Other"}, false,
                                    {"name=Given+Family", "E-post=email", "Dietary needs=diet"});
    const auto request = request_of(columns, {"Ana", "Silva", "ana@x.org", "vegan", "o"});
    CHECK(request.name == "Ana Silva");
    CHECK(request.email == "ana@x.org");
    CHECK(request.fields == Pairs{{"diet", "vegan"}, {"Other", "o"}});
    CHECK(columns.describe() == Fields{"name ← \"Given\" + \"Family\"", "email ← \"E-post\"",
                                       "custom field \"diet\" ← \"Dietary needs\"",
                                       "custom field \"Other\" ← \"Other\""});
    // Empty parts leave no stray space; a reversed FIELD=COLUMN works too.
    const auto reversed = columns_of({"Who", "Mail"}, false, {"name=Who", "email=Mail"});
    CHECK(request_of(reversed, {"Ana", "a@x.org"}).email == "a@x.org");
    CHECK(request_of(columns, {"", "Silva", "a@x.org", "", ""}).name == "Silva");
    CHECK(header_problem({"a", "b"}, false, {"Nope=email"}).message ==
          "map 'Nope=email': the header has no column 'Nope'");
    CHECK(header_problem({"a", "b"}, false, {"a"}).message ==
          "map 'a' is neither COLUMN=FIELD nor FIELD=COLUMN+COLUMN");
    CHECK(header_problem({"Who", "Post"}, false, {"Who=name"}).missing_field == "email");
}

TEST_CASE("csv columns: unnamed columns must stay empty", "[registration_columns]") {
    const auto columns = columns_of({"name", "email", ""}, false);
    CHECK(columns.unnamed() == std::vector<std::size_t>{3});
    CHECK(request_of(columns, {"A", "a@x.org", ""}).fields.empty());
    CHECK(row_problem(columns, {"A", "a@x.org", "x"}) ==
          "column 3 has no name in the header, but holds \"x\"");
}

TEST_CASE("csv columns take away the quote that neutralised a formula", "[registration_columns]") {
    const auto columns = columns_of({"name", "email", "note"}, false);
    const auto request = request_of(columns, {"'=HYPERLINK(\"x\")", "a@x.org", "''-1"});
    CHECK(request.name == "=HYPERLINK(\"x\")");
    CHECK(request.fields == Pairs{{"note", "'-1"}});
    CHECK(request_of(columns, {"'plain", "a@x.org", "'"}).name == "'plain");
}

namespace {

RegistrationColumns platform_columns(const Fields& header, std::string_view platform,
                                     bool keep_noise = false) {
    static const auto& paris = *date::locate_zone("Europe/Paris");
    const io::PlatformReading reading{
        .platform = io::find_platforms(platform).front(), .zone = &paris, .keep_noise = keep_noise};
    auto columns = RegistrationColumns::read(header, false, {}, reading);
    if (!columns) FAIL(columns.problem().message);
    return *std::move(columns);
}

}  // namespace

TEST_CASE("csv columns: a platform's names, statuses and times", "[registration_columns]") {
    const Fields header{"Order #",    "Order Date",      "First Name", "Last Name", "Email",
                        "Attendee #", "Attendee Status", "Total Paid", "Job Title", "Company"};
    const auto columns = platform_columns(header, "eventbrite");
    domain::RegistrationRequest request;
    io::StatusMeaning meaning{};
    const Fields row{"1",          "4/2/22 8:15",   "Zoë", "O'Brien",        "zoe@x.org",
                     "5678901240", "Not Attending", "25",  "Policy Officer", "Cities Network"};
    REQUIRE_FALSE(columns.fill(row, request, &meaning));
    CHECK(request.name == "Zoë O'Brien");  // never the ticket number
    CHECK(request.organisation == "Cities Network");
    CHECK(meaning == io::StatusMeaning::cancelled);
    CHECK_FALSE(request.status);  // the caller decides what a meaning does
    CHECK(domain::format_utc(*request.registered_at) == "2022-04-02T06:15:00Z");
    CHECK(columns.left_out() == Fields{"Total Paid"});
    CHECK(columns.custom() == Fields{"Order #", "Attendee #", "Job Title"});

    auto pending = row;
    pending[6] = "Pending";
    REQUIRE_FALSE(columns.fill(pending, request, &meaning));
    CHECK(meaning == io::StatusMeaning::skipped);
    auto unknown = row;
    unknown[6] = "Maybe";
    CHECK(
        row_problem(columns, unknown)
            .starts_with(
                "Attendee Status 'Maybe' is not a status an Eventbrite attendee report writes ("));
    auto late = row;
    late[1] = "yesterday";
    CHECK(row_problem(columns, late).find("accepted, for 13 April 2022 at 15:00: 04/13/22 15:00") !=
          std::string::npos);

    CHECK(platform_columns(header, "eventbrite", true).custom().size() == 4);
}

TEST_CASE("csv columns: a platform's ticket number is never a name", "[registration_columns]") {
    // Eventbrite's export without its name columns: "Attendee #" would otherwise be the name.
    static const auto& paris = *date::locate_zone("Europe/Paris");
    const io::PlatformReading eventbrite{.platform = io::find_platforms("eventbrite").front(),
                                         .zone = &paris};
    const auto columns = RegistrationColumns::read(
        {"Order #", "Email", "Attendee #", "Attendee Status"}, false, {}, eventbrite);
    REQUIRE_FALSE(columns);
    CHECK(columns.problem().missing_field == "name");
    CHECK(columns_of({"Order #", "Email", "Attendee #"}, false).describe().front() ==
          "name ← \"Attendee #\"");  // a file of no platform: the header's word
}

TEST_CASE("csv columns: a platform's whole name, else its parts", "[registration_columns]") {
    const auto columns =
        platform_columns({"Order code", "Position ID", "Status", "Email", "Attendee name",
                          "Attendee name: Given name", "Attendee name: Family name",
                          "Attendee email", "Company", "Company (2)", "Order date", "Order time"},
                         "pretix");
    const auto whole =
        request_of(columns, {"A1", "1", "paid", "buyer@x.org", "Léa Dupont", "Léa", "Dupont", "",
                             "Lyon", "Invoice Ltd", "2022-04-01", "10:02:11"});
    CHECK(whole.name == "Léa Dupont");
    CHECK(whole.email == "buyer@x.org");  // the attendee's when given, else the order's
    CHECK(whole.organisation == "Lyon");
    CHECK(domain::format_utc(*whole.registered_at) == "2022-04-01T08:02:11Z");
    const auto parts = request_of(columns, {"A1", "2", "paid", "buyer@x.org", "", "Marc", "Lefèvre",
                                            "marc@x.org", "", "", "2022-04-01", "10:02:11"});
    CHECK(parts.name == "Marc Lefèvre");
    CHECK(parts.email == "marc@x.org");
    const auto lines = columns.describe();
    CHECK(std::find(lines.begin(), lines.end(),
                    "status: paid → registered; canceled, cancelled → cancelled; pending, expired "
                    "→ skipped") != lines.end());
}
