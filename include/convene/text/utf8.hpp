#pragma once
// UTF-8 facts the rest of convene needs: is this text valid, and how wide does it look?
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace convene::text {

// The byte order mark some editors (and Excel) put at the start of UTF-8 files.
inline constexpr std::string_view k_utf8_bom{"\xEF\xBB\xBF"};

// True when `text` is well-formed UTF-8: no stray continuation bytes, overlong forms,
// surrogates or code points above U+10FFFF.
bool is_valid_utf8(std::string_view text);
// The length in bytes of the well-formed UTF-8 sequence `text` starts with, or 0 when it does
// not start with one (or is empty).
std::size_t valid_sequence_length(std::string_view text);

// Where the first invalid sequence of `text` starts; empty when `text` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// `text` for loose comparison, as people spell names: case folded, accents removed, and
// everything but letters and digits dropped ("E-mail address" and "Adresse e-mail" become
// "emailaddress" and "adresseemail", "Français" "francais"). Invalid UTF-8 folds to itself.
std::string fold(std::string_view text);

// Columns `text` takes on a terminal, like wcswidth(3) but without the locale: East Asian wide
// and emoji code points count 2, combining marks and control characters 0, others 1.
// Each byte of an invalid sequence counts 1 (terminals show it as one replacement character).
// Code points are summed one by one, so emoji joined by ZWJ may measure wider than shown.
std::size_t display_width(std::string_view text);

}  // namespace convene::text
