#pragma once
// How a cell reads in the text formats (table, tsv, csv), before each format escapes it.
#include <string>
#include <string_view>

#include "convene/export/cell.hpp"

namespace convene::output::detail {

enum class BoolWords {
    yes_no,      // for people (table)
    true_false,  // for programs (tsv, csv), as in JSON
};

// Appends the text of `cell` to `out`: null is empty, a list is joined with "; ", nested JSON
// is compact JSON.
void append_text(std::string& out, const Cell& cell, BoolWords words);

// True when neutralise_formula() would put a ' before `value`.
bool reads_as_formula(std::string_view value);

}  // namespace convene::output::detail
