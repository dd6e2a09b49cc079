#pragma once
// Internationalised domain names in the form 7-bit protocols carry: "café.fr" is
// "xn--caf-dma.fr" in a mail header or an SMTP envelope (IDNA 2008 / UTS #46, through ICU).
#include <optional>
#include <string>
#include <string_view>

namespace convene::text {

// The ASCII (A-label) form of a UTF-8 domain; an ASCII domain comes back as it is.
// Empty when the name is not a valid internationalised domain.
std::optional<std::string> ascii_domain(std::string_view domain);

// An e-mail address with its domain in ASCII form. A local part that is not ASCII has no 7-bit
// form at all (it needs SMTPUTF8, RFC 6531/6532) and is kept as UTF-8; so is a domain that
// ICU cannot convert.
std::string ascii_domain_address(std::string_view address);

}  // namespace convene::text
