#pragma once
// How the command line words a domain problem: named after the flag it concerns
// ("--end: the end is not after the start"), exit 2 (3 for a value that names nothing). Event
// files and imports word the same problems their own way (FILE:LINE: key: …).
#include <optional>
#include <string>
#include <string_view>

#include "convene/domain/problem.hpp"

namespace convene::cli {

// The flag for a field as event files name it: "timezone" → "--tz", "end" → "--end",
// "speakers[2].name" → "--speaker".
std::string flag_for(std::string_view field);

[[noreturn]] void throw_flag_problem(const domain::Problem& problem);

inline void check_flags(const std::optional<domain::Problem>& problem) {
    if (problem) throw_flag_problem(*problem);
}

// The value, or a UsageError about `field` when the rule said no.
template <typename T>
T flag_value(domain::Checked<T> checked, std::string_view field) {
    if (!checked) throw_flag_problem(domain::Problem(checked.problem()).about(std::string(field)));
    return *std::move(checked);
}

}  // namespace convene::cli
