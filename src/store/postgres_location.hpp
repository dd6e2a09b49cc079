#pragma once
// Where a PostgreSQL database is, as a person writes it: a postgresql:// URL or a libpq
// keyword/value string ("host=db dbname=convene"). convene parses both itself, before libpq
// sees them, so that no message can quote a password: libpq's own parse errors repeat the
// text they choke on (an unclosed '[', a bad '%' escape, a '/' in a password).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convene::store {

// Whether `location` (a --db, CONVENE_DB or database.url value) names PostgreSQL: a
// postgresql:// or postgres:// URL, or a keyword/value string whose first word is one of
// libpq's keywords ("host=…", "dbname=…", "service=…"). Anything else is a SQLite file.
bool is_postgres_location(std::string_view location);

struct PostgresLocation {
    // libpq's keywords and values, in order, ready for PQconnectdbParams (expand_dbname 0).
    std::vector<std::pair<std::string, std::string>> options;
    std::string shown;                 // for messages: any password replaced by "****"
    std::vector<std::string> secrets;  // the password as written and as decoded
    std::optional<std::string> value(std::string_view keyword) const;
};

// Parses a URL or a keyword/value string. A malformed one is a UsageError that shows it
// without its user information or password.
PostgresLocation parse_postgres_location(std::string_view location);

// `location` for messages, any password replaced by "****"; a malformed one keeps only what
// cannot be a secret ("postgresql://****@host/db").
std::string shown_location(std::string_view location);

// `message` with every secret in it replaced by "****" (a client library's message).
std::string scrubbed(std::string message, const std::vector<std::string>& secrets);

}  // namespace convene::store
