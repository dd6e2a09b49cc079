#pragma once
// The one place where values become iCalendar text (RFC 5545 §3.3.11, RFC 6868).
// Parameter values never need RFC 6868's ^' or ^n: many readers show those raw.
#include <string>
#include <string_view>

namespace convene::ics::detail {

enum class Escape {
    text,   // \ ; , escaped with a backslash, line breaks as \n, tab kept
    param,  // readable in every reader: " → “ or ”, line breaks → space, ^ → ^^ only where
            // RFC 6868 would misread it (before ^, n or '), tab kept
    verbatim,  // URIs and preformatted values: nothing escaped, line breaks and tabs dropped
};

// Appends `in` to `out` escaped for `escape`. Whatever the kind, the result is valid UTF-8
// (each invalid byte becomes U+FFFD) without control characters other than tab.
void append_escaped(std::string& out, std::string_view in, Escape escape);

}  // namespace convene::ics::detail
