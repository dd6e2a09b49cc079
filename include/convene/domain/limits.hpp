#pragma once
// The documented bounds on every value convene stores (convene(1), LIMITS). Readers check the
// size of what they read against them while reading, so that no input (a 1 GB line,
// /dev/zero) makes memory grow, and the rules refuse values outside them instead of storing
// garbage (an overflowed date, an absurd capacity).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"

namespace convene::domain {

// Bytes of UTF-8 per text field.
inline constexpr std::size_t k_max_short_text = 1024;  // titles, names, venues, keys
inline constexpr std::size_t k_max_email = 254;        // RFC 5321 path limit
inline constexpr std::size_t k_max_url = 2048;
inline constexpr std::size_t k_max_long_text = 64 * 1024;   // descriptions
inline constexpr std::size_t k_max_field_value = 4 * 1024;  // one custom field's value
inline constexpr std::size_t k_max_custom_fields = 100;     // per registration

// Bytes of input per unit read.
inline constexpr std::size_t k_max_record_bytes = 1024 * 1024;      // a CSV record, a JSONL line
inline constexpr std::size_t k_max_columns = 256;                   // CSV header columns
inline constexpr std::size_t k_max_event_file_bytes = 1024 * 1024;  // a TOML event file
inline constexpr std::size_t k_max_nesting = 8;  // tables, arrays, dotted keys in an event file
inline constexpr std::size_t k_max_reply_bytes = 16 * 1024 * 1024;  // an iTIP reply, a whole e-mail

// Numbers.
inline constexpr std::int64_t k_max_capacity = 1'000'000;
inline constexpr std::chrono::seconds k_max_duration = std::chrono::days{366};
inline constexpr int k_min_year = 1900;
inline constexpr int k_max_year = 9999;

// Whether a day or instant falls in the years convene accepts (k_min_year..k_max_year):
// iCalendar and the date formats have four-digit years.
bool within_years(Date day);
bool within_years(Instant instant);

// What a text field may contain beyond printable characters.
enum class TextKind {
    line,       // one line: no control character at all
    multiline,  // tab and line breaks allowed
    markdown,   // a description: multiline, nested at most text::k_max_markdown_depth deep
};

// Why `text` cannot be stored in a field called `what` ("the title"), or nothing: too long
// (more than max_bytes), not UTF-8, or holding a NUL or another control character; for
// TextKind::markdown also nested too deep (markdown_problem).
std::optional<std::string> text_problem(std::string_view what, std::string_view text,
                                        std::size_t max_bytes, TextKind kind = TextKind::line);

// Why a Markdown text (a description, an agenda point) nests too deep to be rendered, or
// nothing: quotes, lists and emphasis at most text::k_max_markdown_depth levels.
std::optional<std::string> markdown_problem(std::string_view what, std::string_view text);

}  // namespace convene::domain
