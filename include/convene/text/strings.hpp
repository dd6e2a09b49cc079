#pragma once
// Small string rules shared by every layer: trimming, and comma-separated lists as people
// type them on a command line ("en, fr,es").
#include <string>
#include <string_view>
#include <vector>

namespace convene::text {

// Without leading and trailing blanks (space, tab, CR, LF).
std::string_view trim(std::string_view text);

// A-Z as a-z, every other byte as it is: for protocol words (MIME header names, PARTSTAT,
// METHOD) and addresses, never for people's text.
std::string lowercase_ascii(std::string_view text);

// "a, b,,c " → {"a", "b", "c"}: items trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view list, char separator = ',');

}  // namespace convene::text
