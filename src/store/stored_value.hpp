#pragma once
// A value read back from a row goes through the same domain rule that let it in. When the rule
// refuses it now, the file was changed behind convene's back: a storage problem, not a bug.
#include <string_view>

#include "convene/domain/problem.hpp"
#include "damaged_row.hpp"

namespace convene::store {

template <typename T>
T stored_value(domain::Checked<T> checked, std::string_view table) {
    if (!checked) throw_damaged(table, checked.problem().message);
    return *std::move(checked);
}

}  // namespace convene::store
