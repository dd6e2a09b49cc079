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
    // 2^22 bits (512 KiB) by default: "maybe" for about one new key in 15,000 after 100,000
    // keys, one in seven after a million; 2^25 (4 MiB): one in 6,000 after a million. calloc'd,
    // so that only the pages a key sets are ever touched.
    explicit KeyFilter(int log2_bits = 22)
        : m_mask((std::size_t{1} << log2_bits) - 1),
          m_words(
              static_cast<std::uint64_t*>(std::calloc((m_mask + 1) / 64, sizeof(std::uint64_t)))) {
        if (!m_words) throw std::bad_alloc();
    }

    void add(std::string_view key) noexcept {
        Probes probes(key, m_mask);
        for (int i = 0; i < k_probes; ++i) {
            const auto bit = probes.next();
            m_words[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
    }

    bool may_contain(std::string_view key) const noexcept {
        Probes probes(key, m_mask);
        for (int i = 0; i < k_probes; ++i) {
            const auto bit = probes.next();
            if ((m_words[bit / 64] & (std::uint64_t{1} << (bit % 64))) == 0) return false;
        }
        return true;
    }

private:
    static constexpr int k_probes = 4;

    // The bits of one key: h1 + i·h2 (Kirsch and Mitzenmacher), from one 64-bit hash whose
    // second half is mixed again so that the two are not simply related.
    class Probes {
    public:
        Probes(std::string_view key, std::size_t mask) noexcept
            : m_hash(std::hash<std::string_view>{}(key)),
              m_step(((m_hash * 0x9e3779b97f4a7c15ULL) >> 23) | 1),
              m_mask(mask) {}
        std::size_t next() noexcept {
            const auto bit = static_cast<std::size_t>(m_hash & m_mask);
            m_hash += m_step;
            return bit;
        }

    private:
        std::uint64_t m_hash;
        std::uint64_t m_step;
        std::size_t m_mask;
    };

    struct Free {
        void operator()(std::uint64_t* words) const noexcept { std::free(words); }
    };
    std::size_t m_mask;  // the number of bits less one: a power of two
    std::unique_ptr<std::uint64_t[], Free> m_words;
};

}  // namespace convene::store
