#pragma once
// Text cut to a number of terminal columns, for tables that must fit a terminal.
#include <cstddef>
#include <string>
#include <string_view>

namespace convene::text {

// `text` when it takes at most `width` columns (display width, see display_width()); else
// its longest prefix of whole code points that leaves room for "…", then "…". Width 0: "".
std::string cut_to_width(std::string_view text, std::size_t width);

}  // namespace convene::text
