#include "convene/text/cut.hpp"

#include <utf8proc.h>

#include "convene/text/utf8.hpp"

namespace convene::text {

namespace {
constexpr std::string_view k_ellipsis{"\u2026"};  // one column wide
}  // namespace

std::string cut_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    const std::size_t room = width - 1;  // for the ellipsis
    std::size_t used = 0;
    std::size_t bytes = 0;
    while (bytes < text.size()) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length =
            utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + bytes),
                             static_cast<utf8proc_ssize_t>(text.size() - bytes), &code_point);
        // An invalid byte counts one column, as display_width() counts it.
        const std::size_t step = length <= 0 ? 1 : static_cast<std::size_t>(length);
        const std::size_t columns =
            length <= 0 ? 1 : static_cast<std::size_t>(utf8proc_charwidth(code_point));
        if (used + columns > room) break;
        used += columns;
        bytes += step;
    }
    // Combining marks (width 0) that follow stay with their base character.
    std::string cut(text.substr(0, bytes));
    cut += k_ellipsis;
    return cut;
}

}  // namespace convene::text
