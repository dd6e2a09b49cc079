#include <algorithm>
#include <sstream>

#include <catch2/catch.hpp>

#include "convene/io/csv_reader.hpp"
#include "convene/io/platforms.hpp"
#include "platform_fixtures.hpp"

using namespace convene::io;
using convene::testing::platform_fixture;
using convene::testing::platform_header;
using Names = std::vector<std::string>;

namespace {

std::string recognised(std::string_view fixture) {
    const auto* platform = recognise_platform(platform_header(fixture));
    return platform ? std::string(platform->description) : "generic";
}

// Whether one of `columns` is in the header: a row of the table that names no column of the
// platform's own export has a typo.
bool present(const Names& header, const std::vector<std::string_view>& columns) {
    for (const auto column : columns) {
        if (find_column(header, column)) return true;
    }
    return false;
}

// What each row's status means, as the fixture's platform says; "?" for a word it lacks.
std::vector<std::string> meanings(std::string_view fixture) {
    std::istringstream in(platform_fixture(fixture).text);
    CsvReader reader(in, fixture);
    const auto* platform = recognise_platform(reader.header());
    REQUIRE(platform);
    REQUIRE(!platform->status.empty());
    const auto column = find_column(reader.header(), platform->status.front());
    REQUIRE(column);
    std::vector<std::string> found;
    CsvRecord record;
    while (reader.next(record)) {
        const auto meaning = status_meaning(*platform, record.fields[*column]);
        found.emplace_back(meaning ? to_string(*meaning) : "?");
    }
    return found;
}

}  // namespace

TEST_CASE("each platform's export is recognised by its header", "[platforms]") {
    CHECK(recognised("eventbrite-attendees.csv") == "an Eventbrite attendee report");
    CHECK(recognised("pretix-order-positions.csv") == "a pretix order positions export");
    CHECK(recognised("pretix-orders.csv") == "a pretix order list export");
    CHECK(recognised("google-forms-en.csv") == "a Google Forms response sheet");
    CHECK(recognised("google-forms-fr.csv") == "a Google Forms response sheet (French)");
    CHECK(recognised("microsoft-forms-fr-excel.csv") == "a Microsoft Forms response sheet");
    CHECK(recognised("indico-registrants.csv") == "an Indico registrants export");
    CHECK(recognised("tito-tickets.csv") == "a Tito tickets export");
    CHECK(recognised("zoom-registration.csv") == "a Zoom registration report");
    CHECK(recognised("luma-guests.csv") == "a Luma guest list");
}

TEST_CASE("other files are generic", "[platforms]") {
    // convene's own export, a hand-made sheet, and headers that only look alike.
    CHECK(!recognise_platform({"id", "name", "email", "organisation", "language", "status",
                               "registered_at", "checked_in_at"}));
    CHECK(!recognise_platform({"Nom", "Prénom", "Courriel"}));
    CHECK(!recognise_platform({"Name", "Timestamp", "Email"}));  // Google's is the first column
    CHECK(!recognise_platform({"Order #", "First Name", "Last Name", "Email"}));
    CHECK(!recognise_platform({}));
    // An attendance report is no registration export.
    CHECK(!recognise_platform({"Name (Original Name)", "User Email", "Join Time", "Leave Time",
                               "Duration (Minutes)", "Guest"}));
}

TEST_CASE("headers are compared without case and accents", "[platforms]") {
    const auto* platform =
        recognise_platform({"order #", "ATTENDEE #", "Attendee status", "E-mail"});
    REQUIRE(platform);
    CHECK(platform->name == "eventbrite");
    CHECK(find_column({"Horodateur", "Adresse e-mail"}, "adresse email") == 1U);
}

TEST_CASE("the table's columns are those of the platforms' exports", "[platforms]") {
    for (const auto* fixture : {"eventbrite-attendees.csv", "pretix-order-positions.csv",
                                "pretix-orders.csv", "google-forms-en.csv", "google-forms-fr.csv",
                                "microsoft-forms-fr-excel.csv", "indico-registrants.csv",
                                "tito-tickets.csv", "zoom-registration.csv", "luma-guests.csv"}) {
        INFO(fixture);
        const auto header = platform_header(fixture);
        const auto* platform = recognise_platform(header);
        REQUIRE(platform);
        CHECK(present(header, platform->email));
        // Forms name people with their own questions: convene's usual names find those.
        if (!platform->full_name.empty() || !platform->first_name.empty()) {
            CHECK((present(header, platform->full_name) || (present(header, platform->first_name) &&
                                                            present(header, platform->last_name))));
        }
        for (const auto* columns :
             {&platform->full_name, &platform->first_name, &platform->last_name,
              &platform->organisation, &platform->language, &platform->status}) {
            if (!columns->empty()) CHECK(present(header, *columns));
        }
        REQUIRE(!platform->times.empty());
        for (const auto column : platform->times.front().columns) {
            CHECK(find_column(header, column));
        }
    }
}

TEST_CASE("pretix's repeated address columns are kept apart", "[platforms]") {
    const auto header = platform_header("pretix-order-positions.csv");
    const auto first = find_column(header, "Company");
    const auto second = find_column(header, "Company (2)");
    REQUIRE(first);
    REQUIRE(second);
    CHECK(*first < *second);
    CHECK(header[*second + 1] == "Invoice address name");
    for (const auto* name :
         {"Address (2)", "ZIP code (2)", "City (2)", "Country (2)", "State (2)"}) {
        CHECK(find_column(header, name));
    }
    CHECK(!find_column(header, "Company (3)"));
}

TEST_CASE("every status the exports write has a meaning", "[platforms]") {
    using S = std::vector<std::string>;
    CHECK(meanings("eventbrite-attendees.csv") ==
          S{"registered", "registered", "registered", "cancelled", "registered", "cancelled"});
    CHECK(meanings("pretix-order-positions.csv") == S{"registered", "registered", "registered",
                                                      "cancelled", "registered", "cancelled",
                                                      "skipped", "skipped"});
    CHECK(meanings("pretix-orders.csv") ==
          S{"registered", "registered", "cancelled", "registered", "skipped", "skipped"});
    CHECK(meanings("indico-registrants.csv") == S{"registered", "registered", "cancelled",
                                                  "registered", "skipped", "skipped", "cancelled"});
    CHECK(meanings("tito-tickets.csv") ==
          S{"registered", "registered", "registered", "cancelled", "registered"});
    CHECK(meanings("zoom-registration.csv") ==
          S{"registered", "registered", "cancelled", "registered", "skipped"});
    CHECK(meanings("luma-guests.csv") ==
          S{"registered", "registered", "cancelled", "skipped", "skipped", "skipped"});
}

TEST_CASE("status words are compared without case, unknown ones have no meaning", "[platforms]") {
    const auto* pretix = find_platforms("pretix").front();
    CHECK(status_meaning(*pretix, "Paid") == StatusMeaning::registered);
    CHECK(status_meaning(*pretix, "Canceled") == StatusMeaning::cancelled);
    CHECK(status_meaning(*pretix, "PENDING") == StatusMeaning::skipped);
    CHECK(!status_meaning(*pretix, "bezahlt"));
    CHECK(!status_meaning(*pretix, ""));
}

TEST_CASE("money, tax, seating and voucher columns are noise", "[platforms]") {
    const auto* pretix = find_platforms("pretix").front();
    CHECK(is_noise_column(*pretix, "Gross at 20.00 % tax"));
    CHECK(is_noise_column(*pretix, "Tax value at 0.00 % tax"));
    CHECK(is_noise_column(*pretix, "Seat number"));
    CHECK(is_noise_column(*pretix, "Voucher"));
    CHECK(!is_noise_column(*pretix, "Company"));
    CHECK(!is_noise_column(*pretix, "Role in your organisation"));
    const auto* eventbrite = find_platforms("eventbrite").front();
    CHECK(is_noise_column(*eventbrite, "Eventbrite Fees"));
    CHECK(!is_noise_column(*eventbrite, "Ticket Type"));
}

TEST_CASE("platforms are found by name, variants together", "[platforms]") {
    CHECK(find_platforms("pretix").size() == 2);
    CHECK(find_platforms("google-forms").size() == 3);
    CHECK(find_platforms("generic").empty());
    CHECK(find_platforms("eventbrite2").empty());
    const auto names = platform_names();
    CHECK(names.front() == "generic");
    CHECK(std::count(names.begin(), names.end(), "pretix") == 1);
    CHECK(std::find(names.begin(), names.end(), "luma") != names.end());
}

TEST_CASE("a platform forced by name matches its own header only", "[platforms]") {
    const auto header = platform_header("pretix-orders.csv");
    const auto variants = find_platforms("pretix");
    CHECK(!header_matches(*variants[0], header));
    CHECK(header_matches(*variants[1], header));
}
