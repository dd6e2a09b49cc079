#include <catch2/catch.hpp>

#include <string>

#include "convene/domain/limits.hpp"
#include "convene/text/markdown.hpp"

using namespace convene;

TEST_CASE("markdown depth counts quotes, lists and emphasis around the text", "[markdown]") {
    CHECK(text::markdown_depth("") == 0);
    CHECK(text::markdown_depth("a") == 1);
    CHECK(text::markdown_depth("> - *a*") == 5);  // quote, list, item, paragraph, emphasis
    CHECK(text::markdown_depth("**[a](https://example.org)**") == 3);
    std::string quotes;
    for (int i = 0; i < 32'000; ++i) quotes += "> ";
    CHECK(text::markdown_depth(quotes + "x") == 32'001);
}

TEST_CASE("a description nested deeper than the limit is refused with the depth", "[markdown]") {
    std::string deep;
    for (std::size_t i = 1; i < text::k_max_markdown_depth; ++i) deep += "> ";
    CHECK_FALSE(domain::markdown_problem("the description", deep + "ok"));
    const auto problem = domain::markdown_problem("the description", "> " + deep + "too deep");
    REQUIRE(problem);
    CHECK(*problem ==
          "the description nests quotes, lists or emphasis 33 levels deep (at most 32)");
    // The description's own check includes it; an ordinary text field does not look.
    CHECK(domain::text_problem("the description", "> " + deep + "x", domain::k_max_long_text,
                               domain::TextKind::markdown));
    CHECK_FALSE(domain::text_problem("a value", "> " + deep + "x", domain::k_max_long_text,
                                     domain::TextKind::multiline));
}
