#pragma once
// Text made safe to print in a table cell on a terminal.
#include <string>
#include <string_view>

namespace convene::output::detail {

// Appends `value` to `out` on one line and without control characters, so that it neither
// breaks the alignment of a table nor drives the terminal (an attendee's name could hold an
// escape sequence): line breaks (CRLF, LF or CR) become "⏎", a tab a space, other C0 controls
// and DEL their Unicode control pictures ("␛"), C1 controls and invalid UTF-8 "�".
void append_for_terminal(std::string& out, std::string_view value);

}  // namespace convene::output::detail
