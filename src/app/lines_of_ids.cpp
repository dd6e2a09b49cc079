#include "convene/app/lines_of_ids.hpp"

#include <algorithm>
#include <bit>

namespace convene::app {

bool LinesOfIds::continues_block(std::int64_t id, std::size_t line) const {
    if (m_blocks.empty()) return false;
    const auto& last = m_blocks.back();
    return last.count < k_rows_per_block && id == last.first_id + last.count && line > m_last_line;
}

void LinesOfIds::add(std::int64_t id, std::size_t line) {
    if (continues_block(id, line)) {
        // One more than the line before plus the lines between, coded as that count plus one.
        put(line - m_last_line);
        ++m_blocks.back().count;
    } else {
        if (!m_blocks.empty()) {
            const auto& last = m_blocks.back();
            if (id < last.first_id + last.count) m_ascending = false;
        }
        m_blocks.push_back({id, line, m_bits, 1});
    }
    m_last_line = line;
}

std::optional<std::size_t> LinesOfIds::line_of(std::int64_t id) const {
    const auto holds = [id](const Block& block) {
        return id >= block.first_id && id < block.first_id + block.count;
    };
    if (m_ascending) {
        auto after = std::upper_bound(
            m_blocks.begin(), m_blocks.end(), id,
            [](std::int64_t wanted, const Block& block) { return wanted < block.first_id; });
        if (after == m_blocks.begin() || !holds(*(after - 1))) return std::nullopt;
        return line_in(*(after - 1), id);
    }
    for (auto block = m_blocks.rbegin(); block != m_blocks.rend(); ++block) {
        if (holds(*block)) return line_in(*block, id);
    }
    return std::nullopt;
}

std::size_t LinesOfIds::line_in(const Block& block, std::int64_t id) const {
    auto line = block.first_line;
    auto at = block.first_bit;
    for (auto row = block.first_id; row < id; ++row) {
        int zeros = 0;
        while (!bit(at++)) ++zeros;
        std::uint64_t value = 1;
        for (int i = 0; i < zeros; ++i)
            value = (value << 1) | static_cast<std::uint64_t>(bit(at++));
        line += value;
    }
    return line;
}

std::size_t LinesOfIds::bytes() const {
    return m_blocks.capacity() * sizeof(Block) + m_words.capacity() * sizeof(std::uint64_t);
}

// Elias gamma: as many zeros as the value has bits after its leading one, then its bits.
void LinesOfIds::put(std::uint64_t value) {
    const int width = std::bit_width(value);
    const auto append = [this](bool one) {
        if (m_bits % 64 == 0) m_words.push_back(0);
        if (one) m_words.back() |= std::uint64_t{1} << (m_bits % 64);
        ++m_bits;
    };
    for (int i = 1; i < width; ++i) append(false);
    for (int i = width - 1; i >= 0; --i) append(((value >> i) & 1U) != 0);
}

bool LinesOfIds::bit(std::size_t at) const { return ((m_words[at / 64] >> (at % 64)) & 1U) != 0; }

}  // namespace convene::app
