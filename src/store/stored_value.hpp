#pragma once
// A value read back from a row goes through the same domain rule that let it in. When the rule
// refuses it now, the file was changed behind convene's back: a storage problem, not a bug.
#include <string_view>

#include <fmt/format.h>

#include "convene/domain/problem.hpp"
#include "convene/error.hpp"

namespace convene::store {

template <typename T>
T stored_value(domain::Checked<T> checked, std::string_view table) {
    if (!checked) {
        throw StorageError(fmt::format("the database holds a damaged {} row: {}", table,
                                       checked.problem().message),
                           "restore the database from a backup");
    }
    return *std::move(checked);
}

}  // namespace convene::store
