#include "convene/text/suggest.hpp"

#include <algorithm>
#include <tuple>

namespace convene::text {

namespace {

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_folded(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return fold(x) == fold(y); });
}

bool starts_with_folded(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equal_folded(text.substr(0, prefix.size()), prefix);
}

// More edits than this and a name is no longer "near": one per three letters, at least one.
std::size_t allowed_edits(std::string_view word) {
    return std::max<std::size_t>(1, word.size() / 3);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic programme are enough for the neighbour swap.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
    if (word.empty()) return {};
    // (rank, distance, name): rank 0 same name but case, 1 prefix, 2 a few edits away.
    std::vector<std::tuple<int, std::size_t, std::string>> found;
    const auto allowed = allowed_edits(word);
    for (const auto& name : candidates) {
        if (name == word) continue;
        if (equal_folded(name, word)) {
            found.emplace_back(0, 0, name);
        } else if (word.size() >= 3 && starts_with_folded(name, word)) {
            found.emplace_back(1, name.size() - word.size(), name);
        } else {
            auto distance = edit_distance(word, name);
            if (const auto slash = name.rfind('/'); slash != std::string::npos) {
                distance = std::min(distance, edit_distance(word, name.substr(slash + 1)));
            }
            if (distance <= allowed) found.emplace_back(2, distance, name);
        }
    }
    std::sort(found.begin(), found.end());
    // The same name in another case is surely the one meant: offer it alone.
    if (!found.empty() && std::get<0>(found.front()) == 0) {
        found.erase(std::find_if(found.begin(), found.end(),
                                 [](const auto& entry) { return std::get<0>(entry) != 0; }),
                    found.end());
    }
    std::vector<std::string> names;
    for (auto& entry : found) {
        if (names.size() == limit) break;
        names.push_back(std::move(std::get<2>(entry)));
    }
    return names;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const auto names = nearest(word, candidates);
    if (names.empty()) return {};
    std::string text = "did you mean ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
        text += "'" + names[i] + "'";
    }
    return text + "?";
}

}  // namespace convene::text
