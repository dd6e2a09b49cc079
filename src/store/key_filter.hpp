#pragma once
// A set of keys in fixed memory that may answer "maybe" for a key it was never given, but
// never "no" for one it was (a Bloom filter). A bulk import asks it whether an address can be
// taken yet: almost every answer is a certain "no", which needs no query.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <new>
#include <string_view>

namespace convene::store {

class KeyFilter {
public:
    // 2^22 bits (512 KiB): "maybe" for about one new key in 15,000 after 100,000 keys, one
    // in seven after a million. calloc'd, so that only the pages a key sets are ever touched.
    KeyFilter()
        : m_words(static_cast<std::uint64_t*>(std::calloc(k_words, sizeof(std::uint64_t)))) {
        if (!m_words) throw std::bad_alloc();
    }

    void add(std::string_view key) noexcept {
        Probes probes(key);
        for (int i = 0; i < k_probes; ++i) {
            const auto bit = probes.next();
            m_words[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
    }

    bool may_contain(std::string_view key) const noexcept {
        Probes probes(key);
        for (int i = 0; i < k_probes; ++i) {
            const auto bit = probes.next();
            if ((m_words[bit / 64] & (std::uint64_t{1} << (bit % 64))) == 0) return false;
        }
        return true;
    }

private:
    static constexpr std::size_t k_bits = std::size_t{1} << 22;
    static constexpr std::size_t k_words = k_bits / 64;
    static constexpr int k_probes = 4;

    // The bits of one key: h1 + i·h2 (Kirsch and Mitzenmacher), from one 64-bit hash whose
    // second half is mixed again so that the two are not simply related.
    class Probes {
    public:
        explicit Probes(std::string_view key) noexcept
            : m_hash(std::hash<std::string_view>{}(key)),
              m_step(((m_hash * 0x9e3779b97f4a7c15ULL) >> 23) | 1) {}
        std::size_t next() noexcept {
            const auto bit = static_cast<std::size_t>(m_hash % k_bits);
            m_hash += m_step;
            return bit;
        }

    private:
        std::uint64_t m_hash;
        std::uint64_t m_step;
    };

    struct Free {
        void operator()(std::uint64_t* words) const noexcept { std::free(words); }
    };
    std::unique_ptr<std::uint64_t[], Free> m_words;
};

}  // namespace convene::store
