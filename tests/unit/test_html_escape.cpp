#include <catch2/catch.hpp>

#include "convene/text/html_escape.hpp"

using convene::text::escape_html;

TEST_CASE("html escaping: the five specials, everything else as it is", "[html]") {
    CHECK(escape_html("Séance d'information <IMRF> & \"questions\"") ==
          "Séance d&#39;information &lt;IMRF&gt; &amp; &quot;questions&quot;");
    CHECK(escape_html("&amp;") == "&amp;amp;");  // escaped again: it is text, not markup
    CHECK(escape_html("") == "");
    CHECK(escape_html("plain text, déjà") == "plain text, déjà");
}
