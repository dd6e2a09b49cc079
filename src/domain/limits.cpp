#include "convene/domain/limits.hpp"

#include <fmt/format.h>

#include "convene/text/utf8.hpp"

namespace convene::domain {

namespace {

bool allowed_control(unsigned char c, TextKind kind) {
    return kind == TextKind::multiline && (c == '\t' || c == '\n' || c == '\r');
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
    for (std::size_t i = 0; i < text.size(); ++i) {
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
    }
    if (!text::is_valid_utf8(text)) return fmt::format("{} is not valid UTF-8", what);
    return std::nullopt;
}

}  // namespace convene::domain
