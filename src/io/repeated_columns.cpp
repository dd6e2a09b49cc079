#include "convene/io/repeated_columns.hpp"

#include <set>

#include <fmt/format.h>

namespace convene::io {

std::vector<std::string> name_repeated_columns(std::vector<std::string> header) {
    // Every name the header holds, so that "Company (2)" is not given twice when the header
    // has a column of that name already.
    std::set<std::string, std::less<>> taken(header.begin(), header.end());
    std::set<std::string, std::less<>> seen;
    for (auto& name : header) {
        if (name.empty() || seen.insert(name).second) continue;
        int number = 2;
        while (taken.contains(fmt::format("{} ({})", name, number))) ++number;
        name = fmt::format("{} ({})", name, number);
        taken.insert(name);
    }
    return header;
}

}  // namespace convene::io
