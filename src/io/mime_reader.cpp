// The smallest MIME reader that finds a calendar in a mail client's REPLY: headers unfolded,
// multipart walked (nested too), base64 and quoted-printable decoded. Everything else in the
// message is skipped.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/itip_reply.hpp"
#include "convene/text/strings.hpp"

namespace convene::io {

namespace {

constexpr int k_max_depth = 8;

struct Part {
    std::vector<std::pair<std::string, std::string>> headers;  // lowercased names, unfolded
    std::string_view body;

    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key == name) return value;
        }
        return {};
    }
};

// Splits headers from body at the first empty line (CRLF or LF).
Part split_part(std::string_view text) {
    Part part;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        at = std::min(end + 1, text.size());
        if (line.empty()) break;
        if ((line.front() == ' ' || line.front() == '\t') && !part.headers.empty()) {
            part.headers.back().second += ' ';
            part.headers.back().second += text::trim(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        part.headers.emplace_back(text::lowercase_ascii(text::trim(line.substr(0, colon))),
                                  std::string(text::trim(line.substr(colon + 1))));
    }
    part.body = text.substr(at);
    return part;
}

// "text/calendar; method=REPLY; charset=UTF-8" → type and one parameter.
std::string media_type(const std::string& value) {
    return text::lowercase_ascii(text::trim(std::string_view(value).substr(0, value.find(';'))));
}

std::string parameter(const std::string& value, std::string_view name) {
    std::string_view rest = value;
    while (true) {
        const auto semicolon = rest.find(';');
        if (semicolon == std::string_view::npos) return {};
        rest.remove_prefix(semicolon + 1);
        const auto equals = rest.find('=');
        if (equals == std::string_view::npos) return {};
        if (text::lowercase_ascii(text::trim(rest.substr(0, equals))) != name) continue;
        std::string_view raw = text::trim(rest.substr(equals + 1));
        if (!raw.empty() && raw.front() == '"') {
            const auto close = raw.find('"', 1);
            return std::string(raw.substr(1, close == std::string_view::npos ? close : close - 1));
        }
        return std::string(text::trim(raw.substr(0, raw.find(';'))));
    }
}

std::string decode_base64(std::string_view text) {
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') value = c - 'A';
        else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
        else if (c >= '0' && c <= '9') value = c - '0' + 52;
        else if (c == '+') value = 62;
        else if (c == '/') value = 63;
        if (value < 0) continue;  // line breaks, padding
        bits = (bits << 6) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
            continue;
        }
        if (i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
            i += (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n') ? 2 : 1;
            continue;  // soft line break
        }
        if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
            continue;
        }
        out += '=';
    }
    return out;
}

std::string decoded_body(const Part& part) {
    const auto encoding = text::lowercase_ascii(part.header("content-transfer-encoding"));
    if (encoding == "base64") return decode_base64(part.body);
    if (encoding == "quoted-printable") return decode_quoted_printable(part.body);
    return std::string(part.body);
}

// The parts of a multipart body, between "--boundary" lines.
std::vector<std::string_view> subparts(std::string_view body, const std::string& boundary) {
    std::vector<std::string_view> parts;
    const std::string delimiter = "--" + boundary;
    std::optional<std::size_t> start;
    std::size_t at = 0;
    while (at <= body.size()) {
        auto end = body.find('\n', at);
        if (end == std::string_view::npos) end = body.size();
        std::string_view line = body.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.substr(0, delimiter.size()) == delimiter) {
            if (start) {
                // The line break before the delimiter belongs to it.
                std::size_t stop = at;
                if (stop > *start && body[stop - 1] == '\n') --stop;
                if (stop > *start && body[stop - 1] == '\r') --stop;
                parts.push_back(body.substr(*start, stop - *start));
            }
            if (text::trim(line.substr(delimiter.size())) == "--") break;
            start = std::min(end + 1, body.size());
        }
        if (end == body.size()) break;
        at = end + 1;
    }
    return parts;
}

std::optional<std::string> find_calendar(std::string_view text, int depth) {
    if (depth > k_max_depth) return std::nullopt;
    const Part part = split_part(text);
    const std::string content_type = part.header("content-type");
    const std::string type = media_type(content_type);
    if (type == "text/calendar" || type == "application/ics") return decoded_body(part);
    if (type.rfind("multipart/", 0) == 0) {
        const auto boundary = parameter(content_type, "boundary");
        if (boundary.empty()) return std::nullopt;
        for (const auto sub : subparts(part.body, boundary)) {
            if (auto found = find_calendar(sub, depth + 1)) return found;
        }
    }
    return std::nullopt;
}

bool starts_as_calendar(std::string_view input) {
    while (!input.empty() && (input.front() == ' ' || input.front() == '\r' ||
                              input.front() == '\n' || input.front() == '\t')) {
        input.remove_prefix(1);
    }
    if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);  // a BOM
    return text::lowercase_ascii(input.substr(0, 15)) == "begin:vcalendar";
}

}  // namespace

std::string calendar_text(std::string_view input, std::string_view source) {
    if (starts_as_calendar(input)) return std::string(input);
    if (auto calendar = find_calendar(input, 0)) return *calendar;
    throw BadInputError(fmt::format(
        "{}: neither an iCalendar file nor an e-mail with a text/calendar part", source));
}

}  // namespace convene::io
