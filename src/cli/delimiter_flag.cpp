#include "delimiter_flag.hpp"

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::cli {

char delimiter_flag(const std::string& word) {
    if (word == "tab" || word == "\\t" || word == "\t") return '\t';
    if (word.size() == 1 && word != "\"" && word != "\n" && word != "\r") return word[0];
    throw UsageError(fmt::format("--delimiter '{}' is not one character", word),
                     "give --delimiter ',' or ';' or tab");
}

}  // namespace convene::cli
