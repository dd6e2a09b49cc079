#pragma once
// How wide each column of a table may be so that the table fits a terminal (SPEC §6):
// columns are as wide as their widest cell; when the table is too wide, the widest free-text
// columns are cut, first down to a width that still reads well, hiding the columns that may
// go (the last first) while that is not enough, then down to their floor, and when even that
// is too wide the free-text columns go too, the last first. What must stay and still does not
// fit, the terminal wraps.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "convene/export/cell.hpp"

namespace convene::output {

struct ColumnSpace {
    std::size_t natural{0};  // widest cell, header included
    std::size_t floor{0};    // narrowest a free-text column may be cut to
    Fit fit{Fit::keep};
};

inline constexpr std::size_t k_hidden = static_cast<std::size_t>(-1);

// The width of each column, k_hidden for a hidden one. `limit` 0 means no limit. `gap` is the
// space between two columns.
std::vector<std::size_t> fit_columns(const std::vector<ColumnSpace>& columns, std::size_t gap,
                                     std::size_t limit);

}  // namespace convene::output
