#include "export/ics_fold.hpp"

#include <cstring>

#include <utf8proc.h>

namespace convene::ics::detail {
namespace {

constexpr std::size_t k_max_octets = 75;
// A continuation's leading space counts towards the 75.
constexpr std::size_t k_max_continuation = k_max_octets - 1;

// What may happen before the byte at an offset.
enum Boundary : unsigned char {
    inside_code_point = 0,
    code_point = 1,  // between code points, inside a grapheme cluster
    grapheme = 2,    // between grapheme clusters
};

void mark_boundaries(std::string_view line, std::vector<unsigned char>& boundaries) {
    // Locals, not the vector and the view: a store through unsigned char* may alias anything,
    // so the compiler would reload their data and size after every byte marked.
    const std::size_t size = line.size();
    boundaries.assign(size + 1, inside_code_point);
    unsigned char* const marks = boundaries.data();
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(line.data());
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    std::size_t i = 0;
    while (i < size) {
        // Between two ASCII characters a cluster always breaks but in CR LF (UAX #29 GB3-5,
        // GB999), and utf8proc's state would become the second one's class, which a fresh
        // state reads from `previous` anyway: the common case needs no table look-up.
        // A run of ASCII without LF after an ASCII character is all cluster breaks.
        const utf8proc_uint8_t byte = bytes[i];
        if (byte < 0x80 && previous >= 0 && previous < 0x80) {
            std::size_t end = i + 1;
            if (byte == '\n') {
                marks[i] = previous == '\r' ? code_point : grapheme;
            } else {
                while (end < size && bytes[end] < 0x80 && bytes[end] != '\n') ++end;
                std::memset(marks + i, grapheme, end - i);
            }
            previous = bytes[end - 1];
            state = 0;
            i = end;
            continue;
        }
        utf8proc_int32_t codepoint = 0;
        auto length =
            utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(size - i), &codepoint);
        if (length <= 0) length = 1;  // input is cleaned upstream; stay safe regardless
        const bool cluster_break = previous < 0 || codepoint < 0 ||
                                   utf8proc_grapheme_break_stateful(previous, codepoint, &state);
        marks[i] = cluster_break ? grapheme : code_point;
        previous = codepoint;
        i += static_cast<std::size_t>(length);
    }
    marks[size] = grapheme;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Some unfolders strip trailing blanks or every blank after CRLF, so a break with whitespace
// on either side could lose it.
bool keeps_spaces(std::string_view line, std::size_t at) {
    return !is_space(line[at - 1]) && !is_space(line[at]);
}

// The last break in (start, limit] that is a grapheme boundary away from whitespace, else a
// code point boundary away from whitespace, else one not preceded by whitespace (trailing
// blanks are the likelier casualty), else any code point boundary.
std::size_t choose_break(std::string_view line, const std::vector<unsigned char>& boundaries,
                         std::size_t start, std::size_t limit) {
    const auto last_where = [&](auto&& acceptable) -> std::size_t {
        for (std::size_t at = limit; at > start; --at) {
            if (boundaries[at] != inside_code_point && acceptable(at)) return at;
        }
        return 0;
    };
    if (auto at = last_where(
            [&](std::size_t i) { return boundaries[i] == grapheme && keeps_spaces(line, i); }))
        return at;
    if (auto at = last_where([&](std::size_t i) { return keeps_spaces(line, i); })) return at;
    if (auto at = last_where([&](std::size_t i) { return !is_space(line[i - 1]); })) return at;
    return last_where([](std::size_t) { return true; });
}

}  // namespace

void write_folded(std::ostream& out, std::string_view line, std::vector<unsigned char>& scratch) {
    if (line.size() <= k_max_octets) {
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
        out.write("\r\n", 2);
        return;
    }
    mark_boundaries(line, scratch);
    std::size_t start = 0;
    std::size_t room = k_max_octets;
    while (line.size() - start > room) {
        const std::size_t at = choose_break(line, scratch, start, start + room);
        out.write(line.data() + start, static_cast<std::streamsize>(at - start));
        out.write("\r\n ", 3);
        start = at;
        room = k_max_continuation;
    }
    out.write(line.data() + start, static_cast<std::streamsize>(line.size() - start));
    out.write("\r\n", 2);
}

}  // namespace convene::ics::detail
