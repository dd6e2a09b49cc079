#include "convene/export/mime.hpp"

#include <array>

#include <fmt/format.h>

#include "convene/text/idna.hpp"
#include "export/ics_escape.hpp"

namespace convene::mail {

namespace {

constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::size_t k_base64_line = 76;
constexpr std::size_t k_qp_line = 75;        // plus the '=' of a soft break: 76
constexpr std::size_t k_header_line = 78;    // RFC 5322 §2.1.1 "SHOULD"
constexpr std::size_t k_encoded_chunk = 36;  // bytes per encoded word: 48 base64 chars, 60 in all
constexpr std::size_t k_longest_word = 900;  // below the 998-octet hard limit, with room to spare

// Valid UTF-8 on one line: header values must not carry CR or LF (a registrant's name could
// otherwise add headers). The iCalendar cleaner already does exactly this, once line breaks and
// tabs are turned into the spaces a reader expects.
std::string clean(std::string_view text) {
    std::string spaced(text);
    for (char& c : spaced) {
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    }
    std::string out;
    ics::detail::append_escaped(out, spaced, ics::detail::Escape::verbatim);
    return out;
}

bool is_printable_ascii(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7E) return false;
    }
    return true;
}

std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    return 4;
}

// RFC 2047 B encoding of valid UTF-8, encoded words joined by folding. An encoded word ends
// just after a space whenever it can: readers differ on the blank between two encoded words
// (Python's parser keeps it in a display name, Thunderbird is said to add one), so a cut
// inside a word shows as "Fr ank". Only a word longer than a whole encoded word is cut, and
// then between characters.
std::string encoded_words(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        std::size_t after_space = start;
        while (end < text.size()) {
            const std::size_t next = end + sequence_length(static_cast<unsigned char>(text[end]));
            if (next - start > k_encoded_chunk) break;
            end = next;
            if (text[end - 1] == ' ') after_space = end;
        }
        if (end < text.size() && after_space > start) end = after_space;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?";
        std::string chunk;
        append_base64(chunk, text.substr(start, end - start));
        out.append(chunk, 0, chunk.size() - 2);  // one line: drop its CRLF
        out += "?=";
        start = end;
    }
    return out;
}

// Folds printable ASCII at spaces: CRLF goes before the space, which unfolding keeps.
std::string folded_ascii(std::string_view text, std::size_t used) {
    std::string out;
    std::size_t column = used;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto space = text.find(' ', start + 1);
        const auto word = text.substr(
            start, space == std::string_view::npos ? std::string_view::npos : space - start);
        if (column + word.size() > k_header_line && !out.empty() && word.front() == ' ') {
            out += "\r\n";
            column = 0;
        }
        out += word;
        column += word.size();
        if (space == std::string_view::npos) break;
        start = space;
    }
    return out;
}

bool has_long_word(std::string_view text) {
    std::size_t run = 0;
    for (const char c : text) {
        run = c == ' ' ? 0 : run + 1;
        if (run > k_longest_word) return true;
    }
    return false;
}

void append_qp_line(std::string& out, std::string_view line) {
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        // A leading '.' can end the message for `sendmail` without -i, and "From " at the start
        // of a line gets mangled by mbox; encoding their first byte keeps them intact.
        const bool risky_start = i == 0 && (c == '.' || line.substr(0, 5) == "From ");
        const bool literal = !risky_start && ((c >= 33 && c <= 126 && c != '=') ||
                                              ((c == ' ' || c == '\t') && !last));
        const std::string token =
            literal ? std::string(1, static_cast<char>(c)) : fmt::format("={:02X}", c);
        if (column + token.size() > k_qp_line) {
            out += "=\r\n";
            column = 0;
        }
        out += token;
        column += token.size();
    }
    out += "\r\n";
}

}  // namespace

void append_base64(std::string& out, std::string_view data) {
    std::size_t column = 0;
    auto put = [&](char c) {
        out += c;
        if (++column == k_base64_line) {
            out += "\r\n";
            column = 0;
        }
    };
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const auto bits = (static_cast<unsigned char>(data[i]) << 16) |
                          (static_cast<unsigned char>(data[i + 1]) << 8) |
                          static_cast<unsigned char>(data[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6) put(k_base64[(bits >> shift) & 0x3F]);
    }
    const std::size_t rest = data.size() - i;
    if (rest > 0) {
        const unsigned bits = (static_cast<unsigned char>(data[i]) << 16) |
                              (rest == 2 ? static_cast<unsigned char>(data[i + 1]) << 8 : 0U);
        put(k_base64[(bits >> 18) & 0x3F]);
        put(k_base64[(bits >> 12) & 0x3F]);
        put(rest == 2 ? k_base64[(bits >> 6) & 0x3F] : '=');
        put('=');
    }
    if (column != 0) out += "\r\n";
}

void append_quoted_printable(std::string& out, std::string_view text) {
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);  // the last CRLF comes from us
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        auto line = text.substr(start, end == std::string_view::npos ? std::string_view::npos
                                                                     : end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        append_qp_line(out, line);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
}

std::string header_text(std::string_view text, std::size_t name_length) {
    const std::string value = clean(text);
    // "=?" would make a reader try to decode plain text as an encoded word.
    if (is_printable_ascii(value) && value.find("=?") == std::string::npos &&
        !has_long_word(value)) {
        return folded_ascii(value, name_length + 2);
    }
    return encoded_words(value);
}

std::string mailbox(std::string_view name, std::string_view address) {
    std::string kept;
    for (const char c : clean(address)) {
        if (c != ' ' && c != '<' && c != '>' && c != '"') kept += c;
    }
    // Headers are 7-bit: an internationalised domain goes in its A-label form.
    const std::string clean_address = text::ascii_domain_address(kept);
    const std::string display = clean(name);
    if (display.empty()) return clean_address;
    if (!is_printable_ascii(display) || display.find("=?") != std::string::npos) {
        return encoded_words(display) + " <" + clean_address + ">";
    }
    // Always a quoted-string: names such as "Doe, Jane" hold specials that would split them.
    std::string quoted = "\"";
    for (const char c : display) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\" <" + clean_address + ">";
}

std::string date_time(domain::Instant instant) {
    static constexpr std::array<std::string_view, 7> k_days = {"Sun", "Mon", "Tue", "Wed",
                                                               "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> k_months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = date::floor<date::days>(instant);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> time{instant - day};
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
                       k_days[date::weekday{day}.c_encoding()], static_cast<unsigned>(ymd.day()),
                       k_months[static_cast<unsigned>(ymd.month()) - 1],
                       static_cast<int>(ymd.year()), time.hours().count(), time.minutes().count(),
                       time.seconds().count());
}

}  // namespace convene::mail
