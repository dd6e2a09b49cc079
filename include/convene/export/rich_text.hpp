#pragma once
// Event and agenda descriptions are CommonMark. Markdown pages print them as written; these
// render them for everything else, through cmark, the reference parser.
#include <string>
#include <string_view>

namespace convene::rich {

// Readable plain text: paragraphs, headings and list items each on their own line(s) with a
// blank line between blocks, emphasis marks dropped, each link's URL in parentheses after its
// text (once, when the text is the URL itself), list items as "- " or "1. ". Soft line breaks
// become spaces, so callers may wrap the lines; no final line break.
std::string to_plain(std::string_view markdown);

// HTML with raw HTML and unsafe links (javascript:, vbscript:, file:, most data:) left out,
// headings no higher than `lowest_heading` (the page's title is the <h1>).
std::string to_html(std::string_view markdown, int lowest_heading = 2);

}  // namespace convene::rich
