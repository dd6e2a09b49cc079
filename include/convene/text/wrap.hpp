#pragma once
// Paragraphs wrapped to a width in terminal columns, for pages people read in a terminal or
// a plain-text e-mail.
#include <cstddef>
#include <string>
#include <string_view>

namespace convene::text {

// Wraps `paragraph` (one line; its spaces are the break points, never a no-break space) to
// `width` columns as display_width() measures them: the first line starts with `first`, the
// others with `rest`. A word longer than the width gets a line of its own, unbroken. No final
// line break. A width of 0 wraps nothing.
std::string wrap(std::string_view paragraph, std::size_t width, std::string_view first = {},
                 std::string_view rest = {});

// wrap() applied to each line of `text` ("\n"-separated), empty lines kept; a line's leading
// spaces and list marker ("- ", "1. ") make the indentation of its continuation lines.
std::string wrap_lines(std::string_view text, std::size_t width, std::string_view first = {},
                       std::string_view rest = {});

}  // namespace convene::text
