#include "convene/text/utf8.hpp"

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

bool is_valid_utf8(std::string_view text) {
    // ASCII runs (most names and every address typed in a form) need no decoding.
    while (!text.empty()) {
        if (static_cast<unsigned char>(text.front()) < 0x80) {
            text.remove_prefix(1);
            continue;
        }
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length = decode(text, code_point);
        if (length <= 0) {
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(length));
    }
    return true;
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
