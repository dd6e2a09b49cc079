#include <catch2/catch.hpp>

#include "convene/text/idna.hpp"

using namespace convene;

TEST_CASE("internationalised domains take their ASCII form", "[idna]") {
    CHECK(text::ascii_domain("example.org") == "example.org");
    CHECK(text::ascii_domain("café.fr") == "xn--caf-dma.fr");
    CHECK(text::ascii_domain("CAFÉ.fr") == "xn--caf-dma.fr");  // UTS #46 maps case too
    CHECK(text::ascii_domain("bücher.example") == "xn--bcher-kva.example");
    CHECK(text::ascii_domain("例え.テスト") == "xn--r8jz45g.xn--zckzah");
    CHECK_FALSE(text::ascii_domain("a\xE2\x80\x8D"
                                   "b.example")
                    .has_value());                                // a lone ZWJ
    CHECK_FALSE(text::ascii_domain("\xFF.example").has_value());  // not UTF-8
}

TEST_CASE("an address keeps its local part and takes the ASCII domain", "[idna]") {
    CHECK(text::ascii_domain_address("zoé@café.fr") == "zoé@xn--caf-dma.fr");
    CHECK(text::ascii_domain_address("ana@example.org") == "ana@example.org");
    CHECK(text::ascii_domain_address("no-at-sign") == "no-at-sign");
}
