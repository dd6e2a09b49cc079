#pragma once
// How deep a CommonMark text nests: quotes in quotes, lists in lists, emphasis in links.
// Descriptions are Markdown; their depth is bounded at input (domain::text_problem) so that
// every writer renders them in bounded time and memory.
#include <cstddef>
#include <string_view>

namespace convene::text {

// The deepest nesting a description may have. Real ones stay below ten (a list in a list in
// a quote, a link in bold); a thousand `> ` in a row is no event's description.
inline constexpr std::size_t k_max_markdown_depth = 32;

// The number of nested elements around the innermost text of `markdown` as cmark parses it
// (the document itself not counted): "a" is 1 (a paragraph), "> - *a*" is 5 (a quote, a
// list, its item, a paragraph, emphasis).
std::size_t markdown_depth(std::string_view markdown);

}  // namespace convene::text
