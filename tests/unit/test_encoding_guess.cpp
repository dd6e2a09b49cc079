#include <catch2/catch.hpp>

#include "convene/error.hpp"
#include "convene/io/encoding_guess.hpp"
#include "platform_fixtures.hpp"

using namespace convene::io;

TEST_CASE("the first non-ASCII character tells UTF-8 from Windows-1252", "[encoding_guess]") {
    CHECK(guess_encoding("name,email\nAda,a@x.org\n", false).guess == TextGuess::ascii);
    CHECK(guess_encoding("n\nZo\xC3\xAB\n", false).guess == TextGuess::utf8);
    CHECK(guess_encoding("n\nL\xE9"
                         "a\n",
                         false)
              .guess == TextGuess::windows_1252);
    // Only the first one counts: a later bad byte is a UTF-8 file's error, not a guess.
    CHECK(guess_encoding("Zo\xC3\xAB L\xE9"
                         "a",
                         true)
              .guess == TextGuess::utf8);
    // Bytes no UTF-8 character starts with, or a character that stops short.
    CHECK(guess_encoding("\x80", true).guess == TextGuess::windows_1252);
    CHECK(guess_encoding("\xC3"
                         "a",
                         false)
              .guess == TextGuess::windows_1252);
    CHECK(guess_encoding("C\x9C"
                         "ur",
                         false)
              .guess == TextGuess::windows_1252);
}

TEST_CASE("a character cut by a chunk's end waits for the next chunk", "[encoding_guess]") {
    const auto cut = guess_encoding("abc\xE2\x80", false);
    CHECK(cut.guess == TextGuess::ascii);
    CHECK(cut.pending == 2);
    CHECK(guess_encoding("abc\xC3", false).pending == 1);
    // At the end nothing follows: cut short is not UTF-8.
    CHECK(guess_encoding("abc\xC3", true).guess == TextGuess::windows_1252);
}

TEST_CASE("a whole text is decoded by its mark, the encoding given, or the guess",
          "[encoding_guess]") {
    auto decoded = decode_text("caf\xC3\xA9");
    CHECK(decoded.text == "café");
    CHECK(decoded.encoding.name == "utf-8");
    CHECK_FALSE(decoded.guessed);

    decoded = decode_text(
        "caf\xE9 C\x9C"
        "ur d\x92"
        "Arles");
    CHECK(decoded.text == "café Cœur d’Arles");
    CHECK(decoded.encoding.name == "windows-1252");
    CHECK(decoded.guessed);

    decoded = decode_text(
        "\xEF\xBB\xBF"
        "caf\xC3\xA9");
    CHECK(decoded.text == "café");
    decoded =
        decode_text(std::string("\xFF\xFE"
                                "a\0\xE9\0",
                                6));
    CHECK(decoded.text == "aé");
    CHECK(decoded.encoding.name == "utf-16le");
    decoded = decode_text(std::string("\xFE\xFF\0a\0\xE9", 6));
    CHECK(decoded.text == "aé");
    CHECK(decoded.encoding.name == "utf-16be");

    decoded = decode_text("caf\xE9", find_encoding("latin1"));
    CHECK(decoded.text == "café");
    CHECK_FALSE(decoded.guessed);
}

TEST_CASE("UTF-8 that goes wrong later, or told UTF-8, is refused", "[encoding_guess]") {
    CHECK_THROWS_WITH(decode_text("caf\xC3\xA9 caf\xE9"),
                      "the byte E9 at offset 9 is not utf-8 text");
    CHECK_THROWS_AS(decode_text("caf\xE9", find_encoding("utf-8")), convene::BadInputError);
    // Windows-1252 lacks five bytes: 81, 8D, 8F, 90, 9D.
    CHECK_THROWS_AS(decode_text("a\x81"), convene::BadInputError);
}

TEST_CASE("Teams' report decodes from UTF-16 with its mark", "[encoding_guess]") {
    const auto decoded = decode_text(convene::testing::platform_bytes("teams-attendance.csv"));
    CHECK(decoded.encoding.name == "utf-16le");
    CHECK(decoded.text.starts_with("1. Summary\r\nMeeting title\tSéance d'information"));
}
