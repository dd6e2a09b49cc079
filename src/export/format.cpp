#include "convene/export/format.hpp"

#include <array>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

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

constexpr std::array<std::pair<std::string_view, PageFormat>, 4> k_page_formats{{
    {"text", PageFormat::text},
    {"markdown", PageFormat::markdown},
    {"html", PageFormat::html},
    {"json", PageFormat::json},
}};

constexpr std::array<std::pair<std::string_view, ScheduleFormat>, 2> k_schedule_formats{{
    {"frab-xml", ScheduleFormat::frab_xml},
    {"frab-json", ScheduleFormat::frab_json},
}};

template <typename Value, std::size_t N>
std::vector<std::string> names_of(const std::array<std::pair<std::string_view, Value>, N>& known) {
    std::vector<std::string> names;
    for (const auto& entry : known) names.emplace_back(entry.first);
    return names;
}

template <typename Value, std::size_t N>
domain::Checked<Value> find(const std::array<std::pair<std::string_view, Value>, N>& known,
                            std::string_view name, std::string_view what) {
    for (const auto& [known_name, value] : known) {
        if (name == known_name) return value;
    }
    const auto names = names_of(known);
    return domain::Problem{
        "format", fmt::format("unknown {} '{}' (accepted: {})", what, name, fmt::join(names, ", ")),
        text::did_you_mean(name, names)};
}

}  // namespace

domain::Checked<Format> parse_format(std::string_view name) {
    return find(k_formats, name, "output format");
}

domain::Checked<PageFormat> parse_page_format(std::string_view name) {
    return find(k_page_formats, name, "page format");
}

domain::Checked<ScheduleFormat> parse_schedule_format(std::string_view name) {
    return find(k_schedule_formats, name, "schedule format");
}

std::vector<std::string> format_names() { return names_of(k_formats); }
std::vector<std::string> page_format_names() { return names_of(k_page_formats); }
std::vector<std::string> schedule_format_names() { return names_of(k_schedule_formats); }

std::string_view to_string(Format format) {
    for (const auto& [name, known] : k_formats) {
        if (format == known) return name;
    }
    return "?";
}

Format default_format(bool stdout_is_terminal) {
    return stdout_is_terminal ? Format::table : Format::tsv;
}

}  // namespace convene::output
