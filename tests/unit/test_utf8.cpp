#include <catch2/catch.hpp>

#include "convene/text/utf8.hpp"

using convene::text::display_width;
using convene::text::is_valid_utf8;

TEST_CASE("is_valid_utf8 accepts well-formed text", "[utf8]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8("Zoë, 東京, 😀"));
    CHECK(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST_CASE("is_valid_utf8 rejects malformed sequences", "[utf8]") {
    CHECK_FALSE(is_valid_utf8("\xE9t\xE9"));         // Latin-1 "été"
    CHECK_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
    CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated sequence
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong "/"
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("display_width counts terminal columns", "[utf8]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("Paris") == 5);
    CHECK(display_width("Zoë") == 3);        // precomposed ë
    CHECK(display_width("e\u0301te") == 3);  // e + combining acute accent
    CHECK(display_width("東京") == 4);
    CHECK(display_width("😀!") == 3);
    CHECK(display_width("\xFFok") == 3);  // an invalid byte shows as one column
}

TEST_CASE("first_invalid_utf8 says where the bad bytes start", "[utf8]") {
    using convene::text::first_invalid_utf8;
    CHECK_FALSE(first_invalid_utf8("Cœur d’Arles"));
    CHECK(first_invalid_utf8("C\x9C"
                             "ur") == 1);             // Windows-1252 "œ"
    CHECK(first_invalid_utf8("\xC3\xA9t\xE9") == 3);  // "ét" then Latin-1 "é"
}

TEST_CASE("fold compares names as people spell them", "[utf8]") {
    using convene::text::fold;
    CHECK(fold("E-mail address") == "emailaddress");
    CHECK(fold("Adresse e-mail") == "adresseemail");
    CHECK(fold("Correo electrónico") == "correoelectronico");
    CHECK(fold("  Prénom ") == "prenom");
    CHECK(fold("ORGANIZACIÓN") == "organizacion");
    CHECK(fold("Français") == "francais");
    CHECK(fold("Attendee name: Given name") == "attendeenamegivenname");
}
