#pragma once
// Text placed in an HTML page or e-mail: in an element or in a quoted attribute value.
#include <string>
#include <string_view>

namespace convene::text {

// `text` with &, <, >, " and ' replaced by their character references, so that it reads as
// text and can close neither an element nor an attribute, whichever quote the attribute uses.
std::string escape_html(std::string_view text);

}  // namespace convene::text
