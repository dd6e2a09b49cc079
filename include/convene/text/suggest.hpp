#pragma once
// "Did you mean …?": the names nearest to a mistyped one, for every place convene looks a name
// up (commands, options, events, time zones, formats). Suggestions are only ever offered as
// hints; nothing here picks a name for the user.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace convene::text {

// Optimal string alignment distance (Levenshtein plus swapping two neighbours), in bytes,
// ASCII letters compared without case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates close to `word`, best first: the same name in another case (alone
// when there is one), else names that `word` begins (a prefix), then names within a few edits
// (about one per three letters; the part after a last '/' counts too: "paris", "Europe/Paris").
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

// "did you mean 'a'?", "did you mean 'a' or 'b'?", or "" when nothing is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace convene::text
