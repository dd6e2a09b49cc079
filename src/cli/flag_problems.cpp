#include "flag_problems.hpp"

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::cli {

std::string flag_for(std::string_view field) {
    // A field inside a list ("speakers[2].name") is given by the list's flag.
    field = field.substr(0, field.find_first_of("[."));
    if (field.empty()) return {};
    if (field == "timezone") return "--tz";
    // Event files name lists in the plural; their flags are repeated one value at a time.
    if (field == "speakers") return "--speaker";
    if (field == "points") return "--point";
    if (field == "organisers") return "--organiser";
    if (field == "tracks") return "--track";
    return fmt::format("--{}", field);
}

void throw_flag_problem(const domain::Problem& problem) {
    const auto flag = flag_for(problem.field);
    auto message = flag.empty() ? problem.message : fmt::format("{}: {}", flag, problem.message);
    if (problem.not_found) throw NotFoundError(message, problem.hint);
    throw UsageError(message, problem.hint);
}

}  // namespace convene::cli
