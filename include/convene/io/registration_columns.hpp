#pragma once
// How the rows of `register --csv` and `register --jsonl` become registration requests.
//
// Columns (CSV header names, JSON keys) are the names `list attendees` prints, so its output
// imports back unchanged: name and email (required), organisation (or organization), language,
// status, registered_at, checked_in_at. Names match case-insensitively. `id` is ignored: ids
// belong to the database they came from. Any other column is a custom field of that name, or
// is dropped with --ignore-unknown-columns. An empty value is the same as no value.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "convene/domain/registration_request.hpp"

namespace convene::io {

// What is wrong with one row (or the header); the importer prefixes "FILE:LINE: ".
struct RowError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class RegistrationColumns {
public:
    // Throws RowError when the header has no name or no email column.
    RegistrationColumns(const std::vector<std::string>& header, bool ignore_unknown);

    // The request of one CSV record (one field per header column). Throws RowError.
    domain::RegistrationRequest request(const std::vector<std::string>& fields) const;

    // Columns read as custom fields, and columns dropped, in header order (for the summary).
    const std::vector<std::string>& custom() const { return m_custom; }
    const std::vector<std::string>& ignored() const { return m_ignored; }

private:
    enum class Target {
        ignored,
        name,
        email,
        organisation,
        language,
        status,
        registered_at,
        checked_in_at,
        custom
    };
    std::vector<Target> m_targets;  // one per header column
    std::vector<std::string> m_header;
    std::vector<std::string> m_custom;
    std::vector<std::string> m_ignored;
};

// The request of one JSON Lines object: the same names as CSV columns; values are strings or
// null (absent); custom fields may also be numbers or booleans, stored as their JSON text.
// Throws RowError.
domain::RegistrationRequest request_from_json(const nlohmann::ordered_json& object,
                                              bool ignore_unknown);

}  // namespace convene::io
