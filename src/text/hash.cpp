#include "convene/text/hash.hpp"

#include <algorithm>

namespace convene::text {

void append_short_hash(std::string& out, std::uint64_t hash, std::size_t digits) {
    constexpr char k_hex[] = "0123456789abcdef";
    digits = std::min<std::size_t>(digits, 16);
    for (std::size_t i = 0; i < digits; ++i) out += k_hex[(hash >> (60 - 4 * i)) & 0xF];
}

std::string short_hash(std::string_view data, std::size_t digits) {
    std::string hex;
    append_short_hash(hex, fnv1a_64(data), digits);
    return hex;
}

}  // namespace convene::text
