#pragma once
// Line folding (RFC 5545 §3.1) with the care calendar clients need (ICS.md rule 2).
#include <ostream>
#include <string_view>
#include <vector>

namespace convene::ics::detail {

// Writes the logical `line` (valid UTF-8, no CR or LF) to `out` as physical lines of at most
// 75 octets, each ending in CRLF, continuations starting with one space. Breaks fall between
// grapheme clusters when one fits, else between code points, never inside a UTF-8 sequence,
// and avoid whitespace on either side of the break so that lenient unfolders keep it.
// `scratch` is reused between calls to avoid allocating per line.
void write_folded(std::ostream& out, std::string_view line, std::vector<unsigned char>& scratch);

}  // namespace convene::ics::detail
