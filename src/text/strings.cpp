#include "convene/text/strings.hpp"

namespace convene::text {

namespace {
constexpr std::string_view k_blanks = " \t\r\n";
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(k_blanks);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(k_blanks) - first + 1);
}

std::string lowercase_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::vector<std::string> split_list(std::string_view list, char separator) {
    std::vector<std::string> items;
    while (true) {
        const auto cut = list.find(separator);
        const auto item = trim(list.substr(0, cut));
        if (!item.empty()) items.emplace_back(item);
        if (cut == std::string_view::npos) break;
        list.remove_prefix(cut + 1);
    }
    return items;
}

}  // namespace convene::text
