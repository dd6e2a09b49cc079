// The table of platforms: what each export looks like, read from the platforms' code and
// documentation (tests/fixtures/platforms/README.md cites the sources and marks what is
// assumed). A new platform, or a new shape of an old one, is a row here and a fixture there.
#include "convene/io/platforms.hpp"

namespace convene::io {

namespace {

using enum StatusMeaning;

// Time patterns (io::parse_platform_time): %Y %y %m %d %H %I %M %S %p %b, %f an optional
// fraction of a second, %z an offset or UTC/GMT with one ("Z", "+02:00", "+0200", "UTC+2").
constexpr std::string_view k_iso_offset = "%Y-%m-%dT%H:%M:%S%f%z";
constexpr std::string_view k_day_first = "%d/%m/%Y %H:%M:%S";
constexpr std::string_view k_google_download = "%Y/%m/%d %I:%M:%S %p %z";

Platform eventbrite() {
    return {
        .name = "eventbrite",
        .description = "an Eventbrite attendee report",
        .required = {"Order #", "Attendee #", "Attendee Status"},
        // Never "Attendee #": it is a ticket number, not a name.
        .first_name = {"First Name"},
        .last_name = {"Last Name"},
        .email = {"Email"},
        .organisation = {"Company"},
        .status = {"Attendee Status"},
        .statuses = {{"Attending", registered},
                     {"Checked In", registered},
                     {"Not Attending", cancelled},
                     {"Deleted", cancelled},
                     {"Refunded", cancelled},
                     // The ticket went to another row (type or event): that row counts.
                     {"Transferred", skipped},
                     {"Unpaid", skipped},
                     {"Pending", skipped}},
        .times = {{{"Order Date"}, {"%m/%d/%y %H:%M", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S"}}},
        .noise = {"Quantity", "Price Tier", "Order Type", "Currency", "Total Paid", "Fees Paid",
                  "Eventbrite Fees", "Eventbrite Payment Processing"},
    };
}

// pretix writes its order statuses in lower case ("paid"); a canceled position of a paid order
// says "canceled" too. Pending and expired orders were never paid.
std::vector<StatusWord> pretix_statuses() {
    return {{"paid", registered},
            {"canceled", cancelled},
            {"cancelled", cancelled},
            {"pending", skipped},
            {"expired", skipped}};
}

// Ticket secrets and pseudonymisation ids are noise too: a secret lets its holder in.
std::vector<std::string_view> pretix_noise() {
    return {"Price",
            "Tax rate",
            "Tax rule",
            "Tax value",
            "Voucher",
            "VAT ID",
            "Pseudonymization ID",
            "Ticket secret",
            "Seat ID",
            "Seat name",
            "Seat zone",
            "Seat row",
            "Seat number",
            "Blocked",
            "Valid from",
            "Valid until",
            "Payment providers",
            "Order total",
            "Fees",
            "Gross at *",
            "Net at *",
            "Tax value at *",
            "Paid by *",
            "Invoice numbers",
            "Date of last payment"};
}

Platform pretix_positions() {
    return {
        .name = "pretix",
        .description = "a pretix order positions export",
        .required = {"Order code", "Position ID", "Attendee name"},
        .full_name = {"Attendee name"},
        .first_name = {"Attendee name: Given name"},
        .last_name = {"Attendee name: Family name"},
        .email = {"Attendee email", "Email"},
        .organisation = {"Company"},  // the attendee's; "Company (2)" is the invoice address's
        .language = {"Order locale"},
        .status = {"Status"},
        .statuses = pretix_statuses(),
        .times = {{{"Order date", "Order time"}, {"%Y-%m-%d %H:%M:%S"}}},
        .noise = pretix_noise(),
    };
}

Platform pretix_orders() {
    return {
        .name = "pretix",
        .description = "a pretix order list export",
        .required = {"Order code", "Order total", "Order date"},
        .full_name = {"Name"},
        .first_name = {"Given name"},
        .last_name = {"Family name"},
        .email = {"Email"},
        .organisation = {"Company"},
        .language = {"Order locale"},
        .status = {"Status"},
        .statuses = pretix_statuses(),
        .times = {{{"Order date", "Order time"}, {"%Y-%m-%d %H:%M:%S"}}},
        .noise = pretix_noise(),
    };
}

Platform indico() {
    return {
        .name = "indico",
        .description = "an Indico registrants export",
        .leading = {"ID", "Name"},
        .required = {"First Name", "Last Name", "Email Address"},
        .full_name = {"Name"},
        .first_name = {"First Name"},
        .last_name = {"Last Name"},
        .email = {"Email Address"},
        .organisation = {"Affiliation"},
        .status = {"Registration state"},
        .statuses = {{"Completed", registered},
                     {"Withdrawn", cancelled},
                     {"Rejected", cancelled},
                     {"Pending", skipped},  // awaiting the organisers' moderation
                     {"Awaiting payment", skipped}},
        .times = {{{"Registration date"}, {"%Y-%m-%d %H:%M:%S%f%z"}}},
        .noise = {"Price", "Payment date"},
    };
}

Platform tito() {
    return {
        .name = "tito",
        .description = "a Tito tickets export",
        .required = {"Ticket Reference", "Ticket Full Name", "Ticket Email"},
        .full_name = {"Ticket Full Name"},
        .first_name = {"Ticket First Name"},
        .last_name = {"Ticket Last Name"},
        .email = {"Ticket Email"},  // never "Order Email": that is the buyer's
        .organisation = {"Ticket Company Name"},
        .status = {"Void Status"},
        .statuses = {{"", registered}, {"void", cancelled}, {"voided", cancelled}},
        .times = {{{"Ticket Created Date"}, {"%Y-%m-%d %H:%M:%S %z", k_iso_offset}}},
        .noise = {"Ticket Price", "Discount Code", "Discount Status", "Order Discount Code",
                  "Payment Reference"},
    };
}

Platform zoom_registration() {
    return {
        .name = "zoom",
        .description = "a Zoom registration report",
        .required = {"First Name", "Last Name", "Email", "Registration Time", "Approval Status"},
        .first_name = {"First Name"},
        .last_name = {"Last Name"},
        .email = {"Email"},
        .organisation = {"Organization"},
        .status = {"Approval Status"},
        .statuses = {{"approved", registered},
                     {"denied", cancelled},
                     {"cancelled", cancelled},
                     {"pending", skipped}},
        .times = {{{"Registration Time"},
                   {"%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%b %d, %Y %I:%M %p"}}},
    };
}

Platform luma() {
    return {
        .name = "luma",
        .description = "a Luma guest list",
        .required = {"api_id", "email", "approval_status"},
        .full_name = {"name"},
        .first_name = {"first_name"},
        .last_name = {"last_name"},
        .email = {"email"},
        .status = {"approval_status"},
        .statuses = {{"approved", registered},
                     {"declined", cancelled},
                     {"pending_approval", skipped},
                     {"waitlist", skipped},
                     {"invited", skipped}},
        .times = {{{"created_at"}, {k_iso_offset}}},
        .noise = {"amount", "amount_tax", "amount_discount", "currency", "coupon_code",
                  "eth_address", "solana_address"},
    };
}

Platform microsoft_forms() {
    return {
        .name = "microsoft-forms",
        .description = "a Microsoft Forms response sheet",
        .leading = {"ID", "Start time", "Completion time", "Email", "Name"},
        .full_name = {"Name"},
        .email = {"Email"},
        // As the Excel that saved it shows it: day first is read before month first, which
        // only US Excel writes, with AM/PM.
        .times = {{{"Completion time"},
                   {k_day_first, "%d/%m/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p"}}},
    };
}

// Google Forms: the timestamp's name and the Sheets download's date order follow the form's
// language; a download from Forms itself writes the offset in every language.
Platform google_forms(std::string_view description, std::string_view timestamp,
                      std::string_view email, std::string_view sheets_format) {
    return {
        .name = "google-forms",
        .description = description,
        .leading = {timestamp},
        .email = {email},
        .times = {{{timestamp}, {k_google_download, sheets_format}}},
    };
}

std::vector<Platform> make_platforms() {
    return {
        eventbrite(),
        pretix_positions(),
        pretix_orders(),
        indico(),
        tito(),
        zoom_registration(),
        luma(),
        microsoft_forms(),
        google_forms("a Google Forms response sheet", "Timestamp", "Email Address",
                     "%m/%d/%Y %H:%M:%S"),
        google_forms("a Google Forms response sheet (French)", "Horodateur", "Adresse e-mail",
                     k_day_first),
        google_forms("a Google Forms response sheet (Spanish)", "Marca temporal",
                     "Dirección de correo electrónico", k_day_first),
    };
}

}  // namespace

const std::vector<Platform>& platforms() {
    static const std::vector<Platform> table = make_platforms();
    return table;
}

}  // namespace convene::io
