#include "terminal_text.hpp"

#include <utf8proc.h>

namespace convene::output::detail {
namespace {

constexpr std::string_view k_line_break{"\u23CE"};   // ⏎
constexpr std::string_view k_replacement{"\uFFFD"};  // �

void append_code_point(std::string& out, utf8proc_int32_t code_point) {
    utf8proc_uint8_t bytes[4];
    const auto length = utf8proc_encode_char(code_point, bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

}  // namespace

void append_for_terminal(std::string& out, std::string_view value) {
    while (!value.empty()) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length =
            utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(value.data()),
                             static_cast<utf8proc_ssize_t>(value.size()), &code_point);
        if (length <= 0) {
            out += k_replacement;
            value.remove_prefix(1);
            continue;
        }
        value.remove_prefix(static_cast<std::size_t>(length));
        if (code_point == '\r' || code_point == '\n') {
            if (code_point == '\r' && !value.empty() && value.front() == '\n') {
                value.remove_prefix(1);
            }
            out += k_line_break;
        } else if (code_point == '\t') {
            out += ' ';
        } else if (code_point < 0x20) {
            append_code_point(out, 0x2400 + code_point);
        } else if (code_point == 0x7F) {
            append_code_point(out, 0x2421);
        } else if (code_point >= 0x80 && code_point < 0xA0) {
            out += k_replacement;
        } else {
            out.append(value.data() - length, static_cast<std::size_t>(length));
        }
    }
}

}  // namespace convene::output::detail
