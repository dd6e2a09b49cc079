#pragma once
// The pieces of an Internet message that convene writes (RFC 5322, MIME RFC 2045–2047): header
// values that stay 7-bit, bodies that survive any mail relay, and the date format.
// Every function here returns or appends CRLF line ends, as RFC 5322 requires.
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"

namespace convene::mail {

// Base64 (RFC 2045 §6.8) in lines of 76 characters, each ending in CRLF.
void append_base64(std::string& out, std::string_view data);

// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: LF or CRLF in `text` become CRLF line
// breaks, lines stay within 76 characters (soft breaks "=" CRLF, never inside an =XX), and
// trailing blanks, '=' and every non-ASCII byte are encoded. Ends with CRLF.
void append_quoted_printable(std::string& out, std::string_view text);

// A header value for unstructured text (Subject): printable ASCII as it is, anything else as
// RFC 2047 "=?UTF-8?B?…?=" encoded words of whole characters, each ending after a space (only a
// word too long for one encoded word is cut inside). Line breaks and control
// characters are dropped (no header injection), invalid UTF-8 becomes U+FFFD, and the value is
// folded (CRLF SP) so that lines stay within 78 characters after a header name of
// `name_length` characters plus ": ".
std::string header_text(std::string_view text, std::size_t name_length);

// A mailbox (RFC 5322 §3.4): "Doe, Jane" <jane@example.org>, an encoded-word display name when
// it is not ASCII, or the bare address when the name is empty. Characters that cannot be in an
// address (blanks, controls, <, >, quotes) are dropped from it; an internationalised domain
// takes its ASCII form (xn--…). A local part that is not ASCII has none and stays UTF-8
// (RFC 6532): the one case where a header is not 7-bit.
std::string mailbox(std::string_view name, std::string_view address);

// "Tue, 14 Nov 2023 22:13:20 +0000" (RFC 5322 §3.3), always in UTC: the message's Date.
std::string date_time(domain::Instant instant);

}  // namespace convene::mail
