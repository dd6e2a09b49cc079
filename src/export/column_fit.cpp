#include "convene/export/column_fit.hpp"

#include <algorithm>

namespace convene::output {

namespace {

// Free text this wide still reads well; columns are hidden before free text is cut below it.
constexpr std::size_t k_comfortable = 20;

std::size_t total(const std::vector<std::size_t>& widths, const std::vector<bool>& shown,
                  std::size_t gap) {
    std::size_t sum = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (!shown[i]) continue;
        sum += widths[i];
        ++count;
    }
    return count == 0 ? 0 : sum + gap * (count - 1);
}

// Takes `excess` columns off the widest cuttable columns, evenly, never below `floors`;
// returns what could not be taken.
std::size_t cut_widest(const std::vector<ColumnSpace>& columns, const std::vector<bool>& shown,
                       const std::vector<std::size_t>& floors, std::vector<std::size_t>& widths,
                       std::size_t excess) {
    auto cuttable = [&](std::size_t i) { return shown[i] && columns[i].fit == Fit::cut; };
    while (excess > 0) {
        std::size_t widest = 0;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (cuttable(i) && widths[i] > floors[i]) widest = std::max(widest, widths[i]);
        }
        if (widest == 0) break;
        // The columns at the widest level come down together, to the next level at most.
        std::size_t next = 0;
        std::vector<std::size_t> at_widest;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (!cuttable(i)) continue;
            if (widths[i] == widest && widths[i] > floors[i]) {
                at_widest.push_back(i);
                next = std::max(next, floors[i]);
            } else if (widths[i] < widest) {
                next = std::max(next, widths[i]);
            }
        }
        const std::size_t room = (widest - next) * at_widest.size();
        if (room >= excess) {
            // What does not divide evenly comes off the last columns: the first say most.
            const std::size_t each = excess / at_widest.size();
            std::size_t extra = excess % at_widest.size();
            for (auto i = at_widest.rbegin(); i != at_widest.rend(); ++i) {
                widths[*i] -= each + (extra > 0 ? 1 : 0);
                if (extra > 0) --extra;
            }
            return 0;
        }
        for (auto i : at_widest) widths[i] = next;
        excess -= room;
    }
    return excess;
}

// Whether cutting down to `floors` makes the shown columns fit; `widths` as cut.
bool cut_to_fit(const std::vector<ColumnSpace>& columns, const std::vector<bool>& shown,
                const std::vector<std::size_t>& floors, std::size_t gap, std::size_t limit,
                std::vector<std::size_t>& widths) {
    for (std::size_t i = 0; i < columns.size(); ++i) widths[i] = columns[i].natural;
    const std::size_t width = total(widths, shown, gap);
    return width <= limit || cut_widest(columns, shown, floors, widths, width - limit) == 0;
}

// The last shown column that may go at this stage, or columns.size().
std::size_t last_shown(const std::vector<ColumnSpace>& columns, const std::vector<bool>& shown,
                       Fit fit) {
    for (std::size_t i = columns.size(); i-- > 0;) {
        if (shown[i] && columns[i].fit == fit) return i;
    }
    return columns.size();
}

}  // namespace

std::vector<std::size_t> fit_columns(const std::vector<ColumnSpace>& columns, std::size_t gap,
                                     std::size_t limit) {
    std::vector<std::size_t> widths(columns.size());
    std::vector<bool> shown(columns.size(), true);
    std::vector<std::size_t> comfortable;
    std::vector<std::size_t> floors;
    for (const auto& column : columns) {
        floors.push_back(std::min(column.floor, column.natural));
        comfortable.push_back(std::max(floors.back(), std::min(column.natural, k_comfortable)));
    }
    if (limit == 0) {
        for (std::size_t i = 0; i < columns.size(); ++i) widths[i] = columns[i].natural;
        return widths;
    }
    // Free text down to a comfortable width, hiding what may go (the last first) until that is
    // enough; when it is not, free text down to its floor. When even that is too wide (many
    // custom fields), free text goes too, the last first. Past that the terminal wraps.
    while (!cut_to_fit(columns, shown, comfortable, gap, limit, widths)) {
        auto hide = last_shown(columns, shown, Fit::hide);
        if (hide == columns.size()) {
            if (cut_to_fit(columns, shown, floors, gap, limit, widths)) break;
            hide = last_shown(columns, shown, Fit::cut);
            if (hide == columns.size()) break;
        }
        shown[hide] = false;
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (!shown[i]) widths[i] = k_hidden;
    }
    return widths;
}

}  // namespace convene::output
