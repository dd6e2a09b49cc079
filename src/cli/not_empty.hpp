#pragma once
// For options that name a file or folder: an empty value (an unset shell variable, `-o ''`)
// is refused instead of meaning "the default" (stdout, ./convene.db).
#include <string>

#include <CLI/CLI.hpp>

namespace convene::cli {

inline CLI::Validator not_empty() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            return value.empty() ? std::string("an empty name is not a file name") : std::string();
        },
        "", "NOT_EMPTY");
}

}  // namespace convene::cli
