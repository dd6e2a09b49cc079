#pragma once
// The one reading of --delimiter, for `register --csv` and `list attendees`.
#include <string>

namespace convene::cli {

// ",", ";", "|", "tab" (or a real tab, or "\t" as typed): the character. UsageError for
// anything longer, a quote or a line break.
char delimiter_flag(const std::string& word);

}  // namespace convene::cli
