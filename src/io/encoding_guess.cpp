#include "convene/io/encoding_guess.hpp"

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {

namespace {

// The length of the UTF-8 character a lead byte begins; 0 for a byte no character begins with.
std::size_t expected_length(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Whether `tail` is the start of a UTF-8 character cut short: a lead byte and fewer
// continuation bytes than it announces.
bool cut_short(std::string_view tail) {
    const auto length = expected_length(static_cast<unsigned char>(tail.front()));
    if (length == 0 || tail.size() >= length) return false;
    for (const char c : tail.substr(1)) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) return false;
    }
    return true;
}

}  // namespace

GuessResult guess_encoding(std::string_view bytes, bool at_end) {
    std::size_t at = 0;
    while (at < bytes.size() && static_cast<unsigned char>(bytes[at]) < 0x80) ++at;
    if (at == bytes.size()) return {};
    if (text::valid_sequence_length(bytes.substr(at)) > 0) return {TextGuess::utf8, 0};
    if (!at_end && cut_short(bytes.substr(at))) return {TextGuess::ascii, bytes.size() - at};
    return {TextGuess::windows_1252, 0};
}

const Encoding& guessed_encoding() {
    static const Encoding windows_1252 = *find_encoding("windows-1252");
    return windows_1252;
}

DecodedText decode_text(std::string_view bytes, const std::optional<Encoding>& given) {
    DecodedText decoded{{}, *find_encoding("utf-8")};
    if (const auto mark = find_byte_order_mark(bytes)) {
        decoded.encoding = mark->encoding;
        bytes.remove_prefix(mark->size);
    } else if (given) {
        decoded.encoding = *given;
    } else if (guess_encoding(bytes, true).guess == TextGuess::windows_1252) {
        decoded.encoding = guessed_encoding();
        decoded.guessed = true;
    }
    if (decoded.encoding.name == "utf-8") {
        if (const auto bad = text::first_invalid_utf8(bytes)) {
            throw BadInputError(fmt::format("the byte {:02X} at offset {} is not utf-8 text",
                                            static_cast<unsigned char>(bytes[*bad]), *bad));
        }
        decoded.text.assign(bytes);
        return decoded;
    }
    Transcoder decode(decoded.encoding);
    decode.convert(bytes, decoded.text);
    decode.finish();
    return decoded;
}

}  // namespace convene::io
