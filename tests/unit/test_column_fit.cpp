#include <catch2/catch.hpp>

#include "convene/export/column_fit.hpp"

using convene::output::ColumnSpace;
using convene::output::Fit;
using convene::output::fit_columns;
using convene::output::k_hidden;

using Widths = std::vector<std::size_t>;

TEST_CASE("fit_columns leaves a table that fits alone", "[column_fit]") {
    const std::vector<ColumnSpace> columns{{2, 2, Fit::keep}, {30, 10, Fit::cut}};
    CHECK(fit_columns(columns, 2, 0) == Widths{2, 30});
    CHECK(fit_columns(columns, 2, 34) == Widths{2, 30});
    CHECK(fit_columns(columns, 2, 80) == Widths{2, 30});
}

TEST_CASE("fit_columns cuts the widest free-text column first", "[column_fit]") {
    const std::vector<ColumnSpace> columns{
        {2, 2, Fit::keep}, {40, 10, Fit::cut}, {20, 10, Fit::cut}, {25, 25, Fit::keep}};
    // 2 + 40 + 20 + 25 + 3 gaps of 2 = 93; 13 too many, all from the widest.
    CHECK(fit_columns(columns, 2, 80) == Widths{2, 27, 20, 25});
    // 33 too many: the widest comes down to the second, then both share the rest, the first
    // keeping the odd column.
    CHECK(fit_columns(columns, 2, 60) == Widths{2, 14, 13, 25});
}

TEST_CASE("fit_columns hides the last hideable columns before cutting text short", "[column_fit]") {
    const std::vector<ColumnSpace> columns{
        {2, 2, Fit::keep}, {40, 10, Fit::cut}, {25, 25, Fit::hide}, {8, 8, Fit::hide}};
    // 81 wide. Cut to 20 the text would still leave it 61 wide: the last hideable column goes,
    // and the text is cut to 29.
    CHECK(fit_columns(columns, 2, 60) == Widths{2, 29, 25, k_hidden});
    // Without both hideable columns the text fits whole.
    CHECK(fit_columns(columns, 2, 45) == Widths{2, 40, k_hidden, k_hidden});
    // Then the text is cut below 20, down to its floor.
    CHECK(fit_columns(columns, 2, 20) == Widths{2, 16, k_hidden, k_hidden});
}

TEST_CASE("fit_columns leaves out free text, the last first, when its floors are too wide",
          "[column_fit]") {
    // Many long custom fields: 10 + 4 × 60 + 4 gaps of 2 = 258; cut to their floors of 10
    // they still take 58 columns of a 50-column terminal.
    const std::vector<ColumnSpace> columns{{10, 10, Fit::keep}, {60, 10, Fit::cut},
                                           {60, 10, Fit::cut},  {60, 10, Fit::cut},
                                           {60, 10, Fit::cut},  {8, 8, Fit::hide}};
    // The hideable column goes first; then the last text column; the rest share what is left.
    CHECK(fit_columns(columns, 2, 50) == Widths{10, 12, 11, 11, k_hidden, k_hidden});
}

TEST_CASE("fit_columns gives up when nothing more can give", "[column_fit]") {
    const std::vector<ColumnSpace> columns{{30, 30, Fit::keep}, {30, 10, Fit::cut}};
    CHECK(fit_columns(columns, 2, 20) == Widths{30, k_hidden});
    const std::vector<ColumnSpace> kept{{30, 30, Fit::keep}, {25, 25, Fit::keep}};
    CHECK(fit_columns(kept, 2, 20) == Widths{30, 25});
}
