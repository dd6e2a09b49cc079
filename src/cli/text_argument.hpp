#pragma once
// Long text values (--description) accept "@FILE" (the file's contents) and "-" (stdin).
#include <string>

namespace convene::cli {

std::string read_text_argument(const std::string& value);

}  // namespace convene::cli
