#pragma once
// Which encoding a text without a byte order mark, and without --encoding, is in. UTF-8 until
// its first non-ASCII character says otherwise: a character that is not well-formed UTF-8 is
// Windows-1252, what Excel on Windows writes as "CSV" (é is E9, which UTF-8 never starts a
// character with). Text is ASCII up to that character in both, so the guess can wait for it
// and be made chunk by chunk. What was guessed is returned to the caller, who tells the user;
// nothing here prints.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "convene/io/transcoder.hpp"

namespace convene::io {

enum class TextGuess { ascii, utf8, windows_1252 };

struct GuessResult {
    TextGuess guess{TextGuess::ascii};
    // With `ascii`: bytes at the end of the chunk that begin a UTF-8 character the next chunk
    // may complete. They decide nothing yet and must be looked at again with the next chunk.
    std::size_t pending{0};
};

// What the first non-ASCII character of `bytes` says. `at_end`: no bytes follow, so a
// character cut short is not UTF-8.
GuessResult guess_encoding(std::string_view bytes, bool at_end);

// The encoding chosen for text that is not UTF-8: Windows-1252.
const Encoding& guessed_encoding();

// A whole text's bytes as UTF-8, for inputs read at once (attendance reports).
struct DecodedText {
    std::string text;
    Encoding encoding;
    bool guessed{false};  // Windows-1252 by guess, for the caller to say so
};

// The encoding of the byte order mark (which is dropped), else `given`, else UTF-8 or, by
// guess, Windows-1252. Throws BadInputError (without location) for bytes the encoding lacks.
DecodedText decode_text(std::string_view bytes, const std::optional<Encoding>& given = {});

}  // namespace convene::io
