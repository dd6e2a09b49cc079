#pragma once
// Words before parsing and CLI11's errors after: bare `convene` and `convene help [COMMAND]`
// become --help, and a mistyped command or option gets a "did you mean" hint.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace convene::cli {

// The words after "convene", with `help COMMAND…` (or none at all) turned into
// `COMMAND… --help`. An unknown COMMAND is a UsageError with a suggestion.
std::vector<std::string> expand_help(const CLI::App& app, std::vector<std::string> words);

struct ParseProblem {
    std::string what;
    std::string hint;
};

// One line naming the unknown command, subcommand or option (not CLI11's wording), with the
// nearest names as the hint.
ParseProblem explain(CLI::App& app, const CLI::ParseError& error);

// The visible subcommands of `app` and the options it accepts (its own and those of the
// commands above it, which fall through), as typed: "--email", "-o".
std::vector<std::string> command_names(const CLI::App& app);
std::vector<std::string> option_names(const CLI::App& app);

// The command `words` lead to from `app`, following subcommand names only; nullptr at an
// unknown word.
const CLI::App* find_command(const CLI::App& app, const std::vector<std::string>& words);

// "convene list attendees" for the (sub)command.
std::string command_path(const CLI::App& app);

}  // namespace convene::cli
