#include "convene/domain/languages.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/text/language_tags.hpp"
#include "convene/text/strings.hpp"

namespace convene::domain {

Checked<std::string> parse_language(std::string_view text) {
    if (auto tag = text::language_tag(text)) return std::move(*tag);
    const auto nearest = text::nearest_languages(text);
    return Problem{
        "language",
        fmt::format("'{}' is neither a language tag nor a language's name", text::trim(text)),
        fmt::format("{}use a BCP 47 tag such as en, fr, es, pt-BR, or a name such as "
                    "English, français, español",
                    nearest.empty() ? "" : nearest + " Or ")};
}

Checked<std::vector<std::string>> parse_languages(const std::vector<std::string>& items) {
    std::vector<std::string> tags;
    for (const auto& item : items) {
        if (text::trim(item).empty()) {
            return Problem{"languages", "an item of the list is empty",
                           "separate the languages with single commas: en,fr,es"};
        }
        auto tag = parse_language(item);
        if (!tag) {
            auto problem = tag.problem();
            problem.field = "languages";
            return problem;
        }
        const auto twice = std::find(tags.begin(), tags.end(), *tag);
        if (twice != tags.end()) {
            const auto& first = items[static_cast<std::size_t>(twice - tags.begin())];
            return Problem{"languages",
                           fmt::format("'{}' and '{}' are the same language ({})",
                                       text::trim(first), text::trim(item), *tag),
                           "give each language once"};
        }
        tags.push_back(*tag);
    }
    return tags;
}

std::vector<std::string> language_items(std::string_view list) {
    std::vector<std::string> items;
    if (text::trim(list).empty()) return items;
    for (std::size_t start = 0; start <= list.size();) {
        const auto comma = std::min(list.find(',', start), list.size());
        items.emplace_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

}  // namespace convene::domain
