#include <array>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/export/table_writer.hpp"
#include "convene/text/suggest.hpp"

namespace convene::output {
namespace {

constexpr std::array<std::pair<std::string_view, Format>, 5> k_formats{{
    {"table", Format::table},
    {"tsv", Format::tsv},
    {"csv", Format::csv},
    {"json", Format::json},
    {"jsonl", Format::jsonl},
}};

}  // namespace

Format parse_format(std::string_view name) {
    for (const auto& [known, format] : k_formats) {
        if (name == known) {
            return format;
        }
    }
    std::string accepted;
    std::vector<std::string> names;
    for (const auto& entry : k_formats) {
        accepted += accepted.empty() ? "" : ", ";
        accepted += entry.first;
        names.emplace_back(entry.first);
    }
    throw UsageError(fmt::format("unknown output format '{}' (accepted: {})", name, accepted),
                     text::did_you_mean(name, names));
}

std::string_view to_string(Format format) {
    for (const auto& [name, known] : k_formats) {
        if (format == known) {
            return name;
        }
    }
    return "?";
}

Format default_format(bool stdout_is_terminal) {
    return stdout_is_terminal ? Format::table : Format::tsv;
}

}  // namespace convene::output
