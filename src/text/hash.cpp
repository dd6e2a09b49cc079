#include "convene/text/hash.hpp"

#include <fmt/format.h>

namespace convene::text {

std::string short_hash(std::string_view data, std::size_t digits) {
    std::string hex = fmt::format("{:016x}", fnv1a_64(data));
    hex.resize(std::min<std::size_t>(digits, hex.size()));
    return hex;
}

}  // namespace convene::text
