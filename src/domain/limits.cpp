#include "convene/domain/limits.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "convene/text/markdown.hpp"
#include "convene/text/utf8.hpp"

namespace convene::domain {

namespace {

bool allowed_control(unsigned char c, TextKind kind) {
    return kind != TextKind::line && (c == '\t' || c == '\n' || c == '\r');
}

std::string size_text(std::size_t bytes) {
    return bytes >= 1024 ? fmt::format("{} KiB", bytes / 1024) : fmt::format("{} bytes", bytes);
}

}  // namespace

bool within_years(Date day) {
    const auto year = static_cast<int>(date::year_month_day{day}.year());
    return year >= k_min_year && year <= k_max_year;
}

bool within_years(Instant instant) {
    // Far outside any year, floor<days> itself would overflow.
    constexpr auto k_day_seconds = 86'400LL;
    const auto seconds = instant.time_since_epoch().count();
    if (seconds < -100'000LL * 366 * k_day_seconds || seconds > 100'000LL * 366 * k_day_seconds) {
        return false;
    }
    return within_years(date::floor<date::days>(instant));
}

std::optional<std::string> text_problem(std::string_view what, std::string_view text,
                                        std::size_t max_bytes, TextKind kind) {
    if (text.size() > max_bytes) {
        return fmt::format("{} is longer than {}", what, size_text(max_bytes));
    }
    bool valid = true;
    std::size_t i = 0;
    while (i < text.size()) {
        // Every field of every imported row comes through here: eight bytes at a time while
        // they are printable ASCII (no high bit, none below 0x20, no 0x7F). The test may
        // send a printable word to the byte loop, never the reverse.
        constexpr std::uint64_t k_ones = 0x0101010101010101U;
        constexpr std::uint64_t k_highs = 0x8080808080808080U;
        std::uint64_t word = 0;
        if (text.size() - i >= sizeof word) {
            std::memcpy(&word, text.data() + i, sizeof word);
            const auto below_space = word - 0x20 * k_ones;
            const auto del = word ^ (0x7F * k_ones);
            if (((word | below_space | ((del - k_ones) & ~del)) & k_highs) == 0) {
                i += sizeof word;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(text[i]);
        const bool c0 = c < 0x20 || c == 0x7F;
        // U+0080–U+009F, encoded C2 80–C2 9F: the C1 controls (CSI among them).
        const bool c1 = c == 0xC2 && i + 1 < text.size() &&
                        static_cast<unsigned char>(text[i + 1]) < 0xA0 &&
                        static_cast<unsigned char>(text[i + 1]) >= 0x80;
        if ((c0 && !allowed_control(c, kind)) || c1) {
            return fmt::format("{} contains a control character (byte {} is 0x{:02x})", what, i + 1,
                               c1 ? static_cast<unsigned char>(text[i + 1]) : c);
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        // A control character after an invalid sequence is still the problem reported.
        const auto length = text::valid_sequence_length(text.substr(i));
        valid = valid && length > 0;
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are no characters: XML (frab schedules)
        // cannot carry them at all, and nobody types them.
        if (length == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            static_cast<unsigned char>(text[i + 2]) >= 0xBE) {
            return fmt::format("{} contains U+{:04X}, which is not a character (byte {})", what,
                               0xFFFE + static_cast<unsigned char>(text[i + 2]) - 0xBE, i + 1);
        }
        i += length > 0 ? length : 1;
    }
    if (!valid) return fmt::format("{} is not valid UTF-8", what);
    if (kind == TextKind::markdown) return markdown_problem(what, text);
    return std::nullopt;
}

std::optional<std::string> markdown_problem(std::string_view what, std::string_view text) {
    // Each level needs at least one character ("> ", "- ", "*"): shorter texts cannot be deep.
    if (text.size() <= text::k_max_markdown_depth) return std::nullopt;
    if (const auto depth = text::markdown_depth(text); depth > text::k_max_markdown_depth) {
        return fmt::format("{} nests quotes, lists or emphasis {} levels deep (at most {})", what,
                           depth, text::k_max_markdown_depth);
    }
    return std::nullopt;
}

}  // namespace convene::domain
