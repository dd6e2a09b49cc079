#pragma once
// The platforms organisers take registrations on, as data: how each one's export is recognised
// by its header, which of its columns hold a registration's fields, what its status words mean,
// how it writes times and which of its columns are money, tax, seating or vouchers. One table
// (src/io/platforms.cpp) holds them all, so that a platform is a row to add, not code to
// write; tests/fixtures/platforms/README.md says where each row comes from.
//
// Column names are compared as text::fold compares them (case, accents and punctuation aside),
// against a header whose repeated names were kept apart first (io::name_repeated_columns):
// "Company" is the first of pretix's two, "Company (2)" the invoice address's.
//
//   const auto header = io::name_repeated_columns(csv.header());
//   if (const auto* platform = io::recognise_platform(header)) {
//       note(fmt::format("read as {}", platform->description));
//   }
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convene::io {

// What a platform's status means for convene: imported as registered (or waitlisted when the
// event is full), imported as cancelled, or not imported at all (unpaid, not approved).
enum class StatusMeaning { registered, cancelled, skipped };

std::string_view to_string(StatusMeaning meaning);

struct StatusWord {
    std::string_view word;  // as the platform writes it; "" is an empty cell
    StatusMeaning meaning;
};

// Where a platform writes when a person registered: one column, or a date column and a time
// column read together (joined with a space), and the shapes the value may have, as patterns
// of io::parse_platform_time, tried in order.
struct TimeSource {
    std::vector<std::string_view> columns{};
    std::vector<std::string_view> formats{};
};

struct Platform {
    std::string_view name{};         // for --platform: several variants may share one
    std::string_view description{};  // "an Eventbrite attendee report", for "read as …"

    // The header is this platform's when it starts with `leading`, in that order, and holds
    // every one of `required` somewhere.
    std::vector<std::string_view> leading{};
    std::vector<std::string_view> required{};

    // Each field's columns by preference: the first one present and not empty gives the value.
    // A whole name wins over a first name joined with a last name.
    std::vector<std::string_view> full_name{};
    std::vector<std::string_view> first_name{};
    std::vector<std::string_view> last_name{};
    std::vector<std::string_view> email{};
    std::vector<std::string_view> organisation{};
    std::vector<std::string_view> language{};
    std::vector<std::string_view> status{};
    std::vector<StatusWord> statuses{};
    std::vector<TimeSource> times{};

    // Money, tax, seating, vouchers and ticket secrets: left out unless asked for. A name ending
    // in '*' is a prefix ("Gross at *" for pretix's "Gross at 20.00 % tax").
    std::vector<std::string_view> noise{};
};

// Every platform, the most particular first: the first whose header matches is the one.
const std::vector<Platform>& platforms();

// Whether `header` (repeated names kept apart) is an export of `platform`.
bool header_matches(const Platform& platform, const std::vector<std::string>& header);

// The platform `header` is an export of, or nullptr for any other file ("generic").
const Platform* recognise_platform(const std::vector<std::string>& header);

// The variants named `name` (--platform NAME), in table order; empty for an unknown name and
// for "generic", which is no platform.
std::vector<const Platform*> find_platforms(std::string_view name);

// "generic" and every platform's name once, for --platform's help and messages.
std::vector<std::string_view> platform_names();

// The index of the column `name` in `header`, compared as text::fold compares.
std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       std::string_view name);

// What `word` means in `platform`'s status column; empty for a word the platform does not
// write (the caller refuses the row, naming the words it knows).
std::optional<StatusMeaning> status_meaning(const Platform& platform, std::string_view word);

// Whether `column` is one of `platform`'s money, tax, seating or voucher columns.
bool is_noise_column(const Platform& platform, std::string_view column);

}  // namespace convene::io
