#include "text_argument.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"

namespace convene::cli {

namespace {

// Reads at most the longest text a field takes, plus one byte to tell that there is more
// (`--description @/dev/zero` must not read forever).
std::string slurp(std::istream& in, const std::string& name) {
    std::string result(domain::k_max_long_text + 1, '\0');
    in.read(result.data(), static_cast<std::streamsize>(result.size()));
    if (in.bad()) throw BadInputError(fmt::format("{}: read error", name));
    result.resize(static_cast<std::size_t>(in.gcount()));
    if (result.size() > domain::k_max_long_text) {
        throw BadInputError(
            fmt::format("{}: longer than {} KiB", name, domain::k_max_long_text / 1024));
    }
    // A file's final newline is an artefact of editors, not part of the description.
    while (!result.empty() && (result.back() == '\n' || result.back() == '\r')) result.pop_back();
    return result;
}

}  // namespace

std::string read_text_argument(const std::string& value) {
    if (value == "-") {
        io::require_standard_input();
        return slurp(std::cin, "<stdin>");
    }
    if (value.size() > 1 && value.front() == '@') {
        const std::string path = value.substr(1);
        std::error_code ignored;
        // An ifstream opens a folder without complaint and reads nothing from it.
        if (std::filesystem::is_directory(path, ignored)) {
            throw UsageError(fmt::format("cannot read {}: it is a directory", path));
        }
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            throw UsageError(fmt::format("cannot read {}", path),
                             std::filesystem::exists(path, ignored) ? std::string()
                                                                    : io::near_file_hint(path));
        }
        return slurp(file, path);
    }
    return value;
}

}  // namespace convene::cli
