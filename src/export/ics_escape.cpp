#include "export/ics_escape.hpp"

#include <utf8proc.h>

namespace convene::ics::detail {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

void append_line_break(std::string& out, Escape escape) {
    switch (escape) {
        case Escape::text: out += "\\n"; break;
        // A name or label on one line reads best everywhere; "^n" shows raw in most readers.
        case Escape::param: out += ' '; break;
        case Escape::verbatim: break;  // a URI cannot hold one; dropping beats breaking the line
    }
}

// Typographic quotes instead of RFC 6868's ^': python3-icalendar, vobject, sabre/vobject and
// caldav do not decode ^' and show it raw. A quote opens at the start or after a blank or an
// opening bracket, and closes anywhere else.
void append_param_quote(std::string& out, std::size_t start) {
    const bool opening = out.size() == start || out.back() == ' ' || out.back() == '\t' ||
                         out.back() == '(' || out.back() == '[';
    out += opening ? "\xE2\x80\x9C" : "\xE2\x80\x9D";  // U+201C, U+201D
}

void append_ascii(std::string& out, char c, Escape escape, std::string_view rest,
                  std::size_t start) {
    if (c == '\t') {
        if (escape != Escape::verbatim) out += c;
        return;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return;
    if (escape == Escape::text && (c == '\\' || c == ';' || c == ',')) {
        out += '\\';
    } else if (escape == Escape::param && c == '^') {
        // RFC 6868 decodes only ^^, ^n and ^'; any other ^ stands for itself, and writing it
        // bare keeps it readable where ^^ would show doubled.
        const bool escape_needed =
            !rest.empty() && (rest[0] == '^' || rest[0] == 'n' || rest[0] == '\'');
        out += escape_needed ? "^^" : "^";
        return;
    } else if (escape == Escape::param && c == '"') {
        append_param_quote(out, start);
        return;
    }
    out += c;
}

// True for an ASCII byte that every kind of value keeps as it is.
bool plain_ascii(char c, Escape escape) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F) return false;
    switch (escape) {
        case Escape::text: return c != '\\' && c != ';' && c != ',';
        case Escape::param: return c != '^' && c != '"';
        case Escape::verbatim: return true;
    }
    return false;
}

}  // namespace

void append_escaped(std::string& out, std::string_view in, Escape escape) {
    const std::size_t start = out.size();
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
    const std::size_t size = in.size();
    // Bytes kept as they are go in as one run, not one by one.
    std::size_t run = 0;
    const auto flush = [&](std::size_t end) { out.append(in.data() + run, end - run); };
    std::size_t i = 0;
    while (i < size) {
        const char c = in[i];
        if (plain_ascii(c, escape)) {
            ++i;
            continue;
        }
        if (static_cast<unsigned char>(c) >= 0x80) {
            utf8proc_int32_t codepoint = 0;
            const auto length =
                utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(size - i), &codepoint);
            const bool c1_control = codepoint >= 0x80 && codepoint <= 0x9F;
            if (length > 0 && !c1_control) {
                i += static_cast<std::size_t>(length);
                continue;
            }
            flush(i);
            if (length <= 0) {
                out += k_replacement;
                ++i;  // resynchronise on the next byte
            } else {
                i += static_cast<std::size_t>(length);  // a C1 control is dropped
            }
            run = i;
            continue;
        }
        flush(i);
        if (c == '\r' || c == '\n') {
            // CRLF is one break, not two.
            i += (c == '\r' && i + 1 < size && in[i + 1] == '\n') ? 2 : 1;
            append_line_break(out, escape);
        } else {
            append_ascii(out, c, escape, in.substr(i + 1), start);
            ++i;
        }
        run = i;
    }
    flush(size);
}

}  // namespace convene::ics::detail
