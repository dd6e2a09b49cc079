#include <catch2/catch.hpp>

#include "convene/export/rich_text.hpp"

using namespace convene;

TEST_CASE("plain text keeps each link's URL after its text", "[rich]") {
    CHECK(rich::to_plain("approuvé [le Pacte mondial](https://example.org/gcm) (GCM)") ==
          "approuvé le Pacte mondial (https://example.org/gcm) (GCM)");
    CHECK(rich::to_plain("<https://example.org>") == "https://example.org");
    CHECK(rich::to_plain("une **interprétation** en *anglais*") == "une interprétation en anglais");
}

TEST_CASE("plain text puts blocks apart and keeps list markers", "[rich]") {
    CHECK(rich::to_plain(
              "## Contexte\n\nEn 2018,\nles gouvernements.\n\n- un\n- deux\n\n1. a\n2. b") ==
          "Contexte\n\nEn 2018, les gouvernements.\n\n- un\n- deux\n\n1. a\n2. b");
    CHECK(rich::to_plain("") == "");
}

TEST_CASE("HTML leaves out raw HTML and unsafe links", "[rich]") {
    const auto html = rich::to_html(
        "<script>alert(1)</script>\n\n[click](javascript:alert(2)) <b onclick=\"x\">b</b>");
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
    CHECK(html.find("onclick") == std::string::npos);
    CHECK(html.find("click") != std::string::npos);
}

TEST_CASE("HTML headings stay below the page's title", "[rich]") {
    CHECK(rich::to_html("# Contexte") == "<h2>Contexte</h2>\n");
    CHECK(rich::to_html("## Contexte") == "<h2>Contexte</h2>\n");
    CHECK(rich::to_html("### Détails", 4) == "<h4>Détails</h4>\n");
    CHECK(rich::to_html("[GCM](https://example.org/gcm)") ==
          "<p><a href=\"https://example.org/gcm\">GCM</a></p>\n");
}
