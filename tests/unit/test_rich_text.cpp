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

TEST_CASE("a description nested thousands deep renders without recursion", "[rich]") {
    std::string quotes;
    for (int i = 0; i < 32'000; ++i) quotes += "> ";
    quotes += "fin";
    const auto plain = rich::to_plain(quotes);
    // The outer levels keep their marks; the text inside is all there.
    CHECK(plain.starts_with("> > > "));
    CHECK(plain.ends_with("fin"));
    CHECK(plain.size() < 1000);
    CHECK(rich::to_html(quotes).find("fin") != std::string::npos);

    std::string lists;
    for (int i = 0; i < 5'000; ++i)
        lists += std::string(static_cast<std::size_t>(i % 3), ' ') + "- ";
    CHECK_NOTHROW(rich::to_plain(lists));
    std::string emphasis(20'000, '*');
    emphasis += "x" + std::string(20'000, '*');
    CHECK(rich::to_plain(emphasis).find('x') != std::string::npos);
}

TEST_CASE("plain text of quotes and nested lists keeps their marks", "[rich]") {
    CHECK(rich::to_plain("> a\n>\n> b") == "> a\n> \n> b");
    CHECK(rich::to_plain("- a\n  - b\n- c") == "- a\n  \n  - b\n- c");
    CHECK(rich::to_plain("3. a\n4. b") == "3. a\n4. b");
    CHECK(rich::to_plain("![logo](https://example.org/l.png)") ==
          "logo (https://example.org/l.png)");
    CHECK(rich::to_plain("[events@example.org](mailto:events@example.org)") ==
          "events@example.org");
}

TEST_CASE("HTML links only to http, https, mailto and tel", "[rich]") {
    const auto html = rich::to_html(
        "[a](https://example.org) [b](http://example.org) [c](mailto:a@example.org) "
        "[d](tel:+33123) [e](ftp://example.org/f) [f](/relative) [g](#top) "
        "[h](JAVASCRIPT:alert(1)) [i](data:text/html,x)");
    CHECK(html.find("href=\"https://example.org\"") != std::string::npos);
    CHECK(html.find("href=\"http://example.org\"") != std::string::npos);
    CHECK(html.find("href=\"mailto:a@example.org\"") != std::string::npos);
    CHECK(html.find("href=\"tel:+33123\"") != std::string::npos);
    for (const char* gone : {"ftp:", "/relative", "#top", "JAVASCRIPT", "data:"}) {
        CAPTURE(gone);
        CHECK(html.find(gone) == std::string::npos);
    }
    // The texts of the dropped links stay.
    for (const char* text : {" e ", " f ", " g ", " h ", " i<"}) {
        CAPTURE(text);
        CHECK(html.find(text) != std::string::npos);
    }
}

TEST_CASE("HTML loads no image: a remote one becomes a link to it", "[rich]") {
    const auto html = rich::to_html(
        "Hello ![pixel](https://tracker.example/p.gif) and ![inline](data:image/png;base64,AA)");
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<a href=\"https://tracker.example/p.gif\">pixel</a>") != std::string::npos);
    CHECK(html.find("data:") == std::string::npos);
    CHECK(html.find("inline") != std::string::npos);
}
