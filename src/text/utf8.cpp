#include "convene/text/utf8.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <utf8proc.h>

namespace convene::text {
namespace {

// Decodes the code point at the start of `text`; returns its length in bytes, or a negative
// utf8proc error code when the bytes there are not valid UTF-8.
utf8proc_ssize_t decode(std::string_view text, utf8proc_int32_t& code_point) {
    return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                            static_cast<utf8proc_ssize_t>(text.size()), &code_point);
}

}  // namespace

std::size_t valid_sequence_length(std::string_view text) {
    if (text.empty()) return 0;
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t length = decode(text, code_point);
    return length > 0 ? static_cast<std::size_t>(length) : 0;
}

bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text); }

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    std::size_t offset = 0;
    while (offset < text.size()) {
        // ASCII needs no decoding, and it is most of what imports read: eight bytes at a time
        // while none has its high bit set (every field is checked, in the reader and again
        // by the domain's rules).
        std::uint64_t word = 0;
        if (text.size() - offset >= sizeof word) {
            std::memcpy(&word, text.data() + offset, sizeof word);
            if ((word & 0x8080808080808080U) == 0) {
                offset += sizeof word;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[offset]) < 0x80) {
            ++offset;
            continue;
        }
        const auto length = valid_sequence_length(text.substr(offset));
        if (length == 0) return offset;
        offset += length;
    }
    return std::nullopt;
}

std::string fold(std::string_view text) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                                    UTF8PROC_STRIPMARK | UTF8PROC_COMPAT));
    if (length < 0) return std::string(text);
    std::string folded;
    std::string_view rest(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
    while (!rest.empty()) {
        utf8proc_int32_t code_point = 0;
        const auto size = static_cast<std::size_t>(decode(rest, code_point));
        const auto category = utf8proc_category(code_point);
        const bool letter_or_digit =
            (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
            category == UTF8PROC_CATEGORY_ND;
        if (letter_or_digit) folded.append(rest.substr(0, size));
        rest.remove_prefix(size);
    }
    std::free(mapped);
    return folded;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    while (!text.empty()) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length = decode(text, code_point);
        if (length <= 0) {
            ++width;
            text.remove_prefix(1);
            continue;
        }
        width += static_cast<std::size_t>(utf8proc_charwidth(code_point));
        text.remove_prefix(static_cast<std::size_t>(length));
    }
    return width;
}

}  // namespace convene::text
