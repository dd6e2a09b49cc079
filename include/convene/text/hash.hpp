#pragma once
// A small stable hash for names derived from data (file names, Message-IDs): the same input
// gives the same output on every machine and run, which std::hash does not promise.
#include <cstdint>
#include <string>
#include <string_view>

namespace convene::text {

// 64-bit FNV-1a. Not for security: only to tell names apart deterministically.
// One byte more into a hash: fnv1a_64(s + c) == fnv1a_64_step(fnv1a_64(s), c).
constexpr std::uint64_t fnv1a_64_step(std::uint64_t hash, char c) noexcept {
    return (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
}

constexpr std::uint64_t fnv1a_64(std::string_view data) noexcept {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : data) hash = fnv1a_64_step(hash, c);
    return hash;
}

// The first `digits` lowercase hex digits of fnv1a_64(data) (at most 16).
std::string short_hash(std::string_view data, std::size_t digits);
// The first `digits` lowercase hex digits of `hash` (at most 16), onto the end of `out`.
void append_short_hash(std::string& out, std::uint64_t hash, std::size_t digits);

}  // namespace convene::text
