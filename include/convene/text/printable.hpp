#pragma once
// Text from the user (a file's content, a flag's value) made safe to print in one message
// line: control characters never reach the terminal raw, and a huge value stays short.
#include <cstddef>
#include <string>
#include <string_view>

namespace convene::text {

// The longest message convene prints on one line, before the "…" that marks a cut.
inline constexpr std::size_t k_message_limit = 200;

// `text` with control characters (C0, DEL, C1) and invalid UTF-8 bytes shown as escapes
// (\n, \t, \x1b), cut after `limit` bytes with "…". Valid non-ASCII text stays.
std::string printable(std::string_view text, std::size_t limit = k_message_limit);

}  // namespace convene::text
