#pragma once
// The line of the file that added each registration of an import, for "already registered
// (line 3 of this file)": an id would name a row the refusal rolls back.
//
// Ids and lines both grow, ids one by one, lines by one plus the line breaks inside the
// record before (a quoted organisation on two lines) and the rows in between that added
// nothing. So a block keeps its first id and line, and each later row of the block only
// the lines it skipped, in a variable-length code of a bit for none (Elias gamma): 1.7 bits
// a row for a file with a line break in one row of three, 0.2 MB per million rows where a
// run per change of step took 8 MB. A block holds a bounded number of rows, so that finding
// a line decodes at most that many codes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace convene::app {

class LinesOfIds {
public:
    void add(std::int64_t id, std::size_t line);
    // The line that added `id` (the later one if it was added twice), if this import added it.
    std::optional<std::size_t> line_of(std::int64_t id) const;
    // What it holds, in bytes (capacity included), for the tests of its size.
    std::size_t bytes() const;

private:
    struct Block {
        std::int64_t first_id;
        std::size_t first_line;
        std::size_t first_bit;
        std::uint32_t count;
    };
    static constexpr std::uint32_t k_rows_per_block = 512;

    bool continues_block(std::int64_t id, std::size_t line) const;
    std::size_t line_in(const Block& block, std::int64_t id) const;
    void put(std::uint64_t value);
    bool bit(std::size_t at) const;

    std::vector<Block> m_blocks;
    std::vector<std::uint64_t> m_words;  // the gamma codes, bit i in word i / 64
    std::size_t m_bits{0};
    std::size_t m_last_line{0};
    // Ids only grow within one import (one connection's inserts, or one sequence), so the
    // blocks can be searched by halves; false if one ever did not, and then they are read
    // from the last.
    bool m_ascending{true};
};

}  // namespace convene::app
