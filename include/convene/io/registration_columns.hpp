#pragma once
// How the rows of `register --csv` and `register --jsonl` become registration requests.
//
// Columns (CSV header names, JSON keys) are the names `list attendees` prints, so its output
// imports back unchanged: name and email (required), organisation (or organization), language,
// status, registered_at, checked_in_at. `id` and `waitlist_position` are ignored: they belong
// to the database they came from. Any other column is a custom field of that name, or is
// dropped with --ignore-unknown-columns. An empty value is the same as no value.
//
// CSV headers from spreadsheets and other platforms match too, case- and accent-insensitively:
// English, French and Spanish names ("E-mail address", "Adresse e-mail", "Correo
// electrónico", "Organización", …) and the columns of pretix's, Eventbrite's, Indico's and
// Google Forms' exports (k_aliases in the source; man/convene-register.1 lists them). A first
// and a last name column make the name when there is no name column. Explicit maps come
// first: "COLUMN=FIELD" reads a column as a field (own or custom), "FIELD=COL1+COL2" joins
// columns with a space. A column with no name in the header must stay empty; it is skipped.
// A platform's export (io/platforms.hpp, recognised by the caller) is read by the platform's
// row of that table after the maps and before these names (PlatformReading below).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "convene/domain/problem.hpp"
#include "convene/domain/registration_request.hpp"
#include "convene/io/platforms.hpp"

namespace date {
class time_zone;
}

namespace convene::io {

// Why a header cannot be read: a bad map, two columns naming one field, or no column for the
// name or the email. The importer words it with the header as read.
struct HeaderProblem {
    std::string message;          // "map 'a': the header has no column 'a'"
    std::string missing_field{};  // "name" or "email" when no column gives it
};

// Removes the `'` a spreadsheet export puts before a cell that would read as a formula
// (=, +, -, @, tab, CR), as output::neutralise_formula adds it, so a round trip is exact.
void restore_formula(std::string& value, std::size_t from = 0);  // from: where the cell starts

// A platform's export (io/platforms.hpp), read by the platform's row of the table: after the
// maps, its columns give the fields it names; its status words give each row's StatusMeaning;
// its times are read with its shapes, in `zone` when they have no offset; its money, tax,
// seating and voucher columns are left out unless `keep_noise`. The other columns are read as
// in any file (a form's questions "First name", "Organisation", …).
struct PlatformReading {
    const Platform* platform{nullptr};     // nullptr: a file of no platform ("generic")
    const date::time_zone* zone{nullptr};  // the event's; needed with a platform
    bool keep_noise{false};
};

class RegistrationColumns {
public:
    // Which column is which field. `maps`: "COLUMN=FIELD" or "FIELD=COLUMN+COLUMN…" (above).
    static domain::Checked<RegistrationColumns, HeaderProblem> read(
        const std::vector<std::string>& header, bool ignore_unknown,
        const std::vector<std::string>& maps = {}, PlatformReading platform = {});

    // One CSV record (one field per header column) written over `request`: an import reuses
    // one request, and the storage of its strings, for every row. Returns what is wrong with
    // the row (a status or time that does not read, a value in an unnamed column), or nothing.
    // `meaning` is what the platform's status says of the row (registered when the file has no
    // platform status); the status itself is left to the caller.
    std::optional<std::string> fill(const std::vector<std::string>& fields,
                                    domain::RegistrationRequest& request,
                                    StatusMeaning* meaning = nullptr) const;

    // Columns read as custom fields, and columns dropped, in header order (for the summary).
    const std::vector<std::string>& custom() const { return m_custom; }
    const std::vector<std::string>& ignored() const { return m_ignored; }
    // The platform's money, tax, seating and voucher columns, left out.
    const std::vector<std::string>& left_out() const { return m_left_out; }
    // Whether registered_at comes from a platform's own times (its order or submission time).
    bool platform_times() const { return !m_time_formats.empty(); }
    // 1-based numbers of the columns with no name, skipped.
    const std::vector<std::size_t>& unnamed() const { return m_unnamed; }
    // One line per field read, e.g. "name ← \"First name\" + \"Last name\"" (--dry-run).
    std::vector<std::string> describe() const;

    // A registration's own fields, in the order of k_registration_fields.
    enum class Field { name, email, organisation, language, status, registered_at, checked_in_at };
    static constexpr std::size_t k_fields = 7;

private:
    struct Source {
        std::vector<std::size_t> columns;  // by preference, or the parts joined
        bool join{false};                  // join the non-empty parts with a space
        // Joined when `columns` give nothing: a platform's first and last name.
        std::vector<std::size_t> parts{};
    };
    struct Reading;  // the work of read(), in steps

    explicit RegistrationColumns(const std::vector<std::string>& header);
    const Source& source(Field field) const { return m_sources[static_cast<std::size_t>(field)]; }
    // The value of a field, written over `value`.
    void value_of(const Source& source, const std::vector<std::string>& fields,
                  std::string& value) const;
    std::optional<std::string> fill_rare(const std::vector<std::string>& fields,
                                         domain::RegistrationRequest& request) const;
    std::optional<std::string> platform_status(const std::vector<std::string>& fields,
                                               StatusMeaning& meaning) const;
    std::optional<std::string> status_decisions() const;
    std::optional<std::string> read_time(Field field, const std::string& text,
                                         std::optional<domain::Instant>& into) const;

    std::vector<std::string> m_header;
    std::vector<Source> m_sources;  // one per Field; no columns when the header has none
    std::vector<std::pair<std::size_t, std::string>> m_custom_columns;  // column, key
    std::vector<std::string> m_custom;
    std::vector<std::string> m_ignored;
    std::vector<std::size_t> m_unnamed;
    std::vector<std::string> m_left_out;
    PlatformReading m_platform{};
    std::vector<std::string_view> m_time_formats;  // the platform's, for registered_at
};

// The request of one JSON Lines object: the same names as CSV columns; values are strings or
// null (absent); custom fields may also be numbers or booleans, stored as their JSON text.
// Else what is wrong with it.
domain::Checked<domain::RegistrationRequest, std::string> request_from_json(
    const nlohmann::ordered_json& object, bool ignore_unknown);

}  // namespace convene::io
