#pragma once
// Email addresses of registrations: stored as given, compared case-insensitively (SPEC §1).
#include <optional>
#include <string>
#include <string_view>

namespace convene::domain {

// The comparison key of an address: Unicode case folding (NFC) of the whole address.
// RFC 5321 lets a server treat the local part case-sensitively, but no organiser wants
// Ana@Example.org and ana@example.org as two people, so convene folds both parts.
// `email` must be valid UTF-8.
std::string email_key(std::string_view email);

// Why `email` does not look like an address people receive mail at, or nothing when it does.
// A plausibility check, not RFC 5322: one '@', a non-empty local part without blanks or the
// characters that separate addresses in lists, and a domain of two or more dot-separated labels.
// Internationalised addresses (UTF-8) are accepted.
std::optional<std::string> email_problem(std::string_view email);

}  // namespace convene::domain
