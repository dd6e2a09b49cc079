#pragma once
#include <iosfwd>

namespace convene::cli {

// Parses argv, runs one command and turns every error into "convene: error: …" plus the
// exit code of SPEC §7. Never throws.
int run_app(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace convene::cli
