#include "convene/text/wrap.hpp"

#include "convene/text/utf8.hpp"

namespace convene::text {

namespace {

bool is_punctuation(std::string_view word) {
    return word == "?" || word == "!" || word == ":" || word == ";" || word == "»" ||
           word == "?»" || word == "!»";
}

// True when the space at `at` joins two parts of one unbreakable unit ("Réfugiés ?", "« Oui").
bool sticks(std::string_view text, std::size_t at) {
    const auto before = text.substr(0, at);
    const auto word_start = before.rfind(' ');
    const auto previous = before.substr(word_start == std::string_view::npos ? 0 : word_start + 1);
    auto after = text.substr(at + 1);
    after = after.substr(0, after.find(' '));
    return !previous.empty() && !after.empty() && (is_punctuation(after) || previous == "«");
}

}  // namespace

std::string wrap(std::string_view paragraph, std::size_t width, std::string_view first,
                 std::string_view rest) {
    std::string out(first);
    if (width == 0) return out.append(paragraph);
    std::size_t column = display_width(first);
    bool line_empty = true;
    while (!paragraph.empty()) {
        auto space = paragraph.find(' ');
        // French puts a space before ? ! : ; and », and after «: never break there.
        while (space != std::string_view::npos && sticks(paragraph, space)) {
            space = paragraph.find(' ', space + 1);
        }
        const auto word = paragraph.substr(0, space);
        paragraph.remove_prefix(space == std::string_view::npos ? paragraph.size() : space + 1);
        if (word.empty()) continue;
        const auto word_width = display_width(word);
        if (!line_empty && column + 1 + word_width > width) {
            out += '\n';
            out += rest;
            column = display_width(rest);
            line_empty = true;
        }
        if (!line_empty) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word_width;
        line_empty = false;
    }
    return out;
}

namespace {

// The part of a line its continuation lines line up under: leading spaces, then a list
// marker ("- ", "* ", "12. ", "> ") if there is one.
std::size_t hanging(std::string_view line) {
    std::size_t i = line.find_first_not_of(' ');
    if (i == std::string_view::npos) return 0;
    std::size_t j = i;
    while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
    if (j > i && j + 1 < line.size() && line[j] == '.' && line[j + 1] == ' ') return j + 2;
    if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '>') &&
        line[i + 1] == ' ') {
        return i + 2;
    }
    return i;
}

}  // namespace

std::string wrap_lines(std::string_view text, std::size_t width, std::string_view first,
                       std::string_view rest) {
    std::string out;
    bool first_line = true;
    while (true) {
        const auto cut = text.find('\n');
        const auto line = text.substr(0, cut);
        if (!first_line) out += '\n';
        if (line.empty()) {
            // Keep the blank line blank: no trailing indentation.
        } else {
            const auto hang = hanging(line);
            const std::string head(first_line ? first : rest);
            out += wrap(line.substr(hang), width, head + std::string(line.substr(0, hang)),
                        std::string(rest) + std::string(hang, ' '));
        }
        first_line = false;
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return out;
}

}  // namespace convene::text
