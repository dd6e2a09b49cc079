// Reading a header against the table of platforms: which platform wrote it, where a column is,
// what a status word means. Names are folded (text::fold) so that a header retyped in another
// case, or saved by a program that drops an accent, still reads.
#include <algorithm>

#include "convene/io/platforms.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {

std::string_view to_string(StatusMeaning meaning) {
    switch (meaning) {
        case StatusMeaning::registered: return "registered";
        case StatusMeaning::cancelled: return "cancelled";
        case StatusMeaning::skipped: return "skipped";
    }
    return "registered";
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       std::string_view name) {
    const auto wanted = text::fold(name);
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (!header[i].empty() && text::fold(header[i]) == wanted) return i;
    }
    return std::nullopt;
}

bool header_matches(const Platform& platform, const std::vector<std::string>& header) {
    if (header.size() < platform.leading.size()) return false;
    for (std::size_t i = 0; i < platform.leading.size(); ++i) {
        if (text::fold(header[i]) != text::fold(platform.leading[i])) return false;
    }
    return std::all_of(platform.required.begin(), platform.required.end(),
                       [&](std::string_view name) { return find_column(header, name); });
}

const Platform* recognise_platform(const std::vector<std::string>& header) {
    for (const auto& platform : platforms()) {
        if (header_matches(platform, header)) return &platform;
    }
    return nullptr;
}

std::vector<const Platform*> find_platforms(std::string_view name) {
    std::vector<const Platform*> found;
    for (const auto& platform : platforms()) {
        if (platform.name == name) found.push_back(&platform);
    }
    return found;
}

std::vector<std::string_view> platform_names() {
    std::vector<std::string_view> names{"generic"};
    for (const auto& platform : platforms()) {
        if (std::find(names.begin(), names.end(), platform.name) == names.end()) {
            names.push_back(platform.name);
        }
    }
    return names;
}

std::optional<StatusMeaning> status_meaning(const Platform& platform, std::string_view word) {
    const auto folded = text::fold(word);
    for (const auto& status : platform.statuses) {
        if (text::fold(status.word) == folded) return status.meaning;
    }
    return std::nullopt;
}

bool is_noise_column(const Platform& platform, std::string_view column) {
    const auto folded = text::fold(column);
    return std::any_of(platform.noise.begin(), platform.noise.end(), [&](std::string_view name) {
        if (name.ends_with('*')) {
            return folded.starts_with(text::fold(name.substr(0, name.size() - 1)));
        }
        return folded == text::fold(name);
    });
}

}  // namespace convene::io
