#include "text_argument.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::cli {

namespace {

std::string slurp(std::istream& in) {
    std::ostringstream text;
    text << in.rdbuf();
    std::string result = text.str();
    // A file's final newline is an artefact of editors, not part of the description.
    while (!result.empty() && (result.back() == '\n' || result.back() == '\r')) result.pop_back();
    return result;
}

}  // namespace

std::string read_text_argument(const std::string& value) {
    if (value == "-") return slurp(std::cin);
    if (value.size() > 1 && value.front() == '@') {
        const std::string path = value.substr(1);
        std::ifstream file(path, std::ios::binary);
        if (!file) throw UsageError(fmt::format("cannot read {}", path));
        return slurp(file);
    }
    return value;
}

}  // namespace convene::cli
