#pragma once
// The table of commands (src/cli/commands.cpp); each command file adds its arguments and
// options to its subcommand and returns how to run it.
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/cli/context.hpp"

namespace convene::cli {

using Runner = std::function<void(Context&)>;

// A command ready to run: its (sub)subcommand, to know which one was given, and its runner
// (empty for a command that is only listed).
struct Runnable {
    CLI::App* app;
    Runner run;
};

// Which commands to build. A command line that runs a command needs only the ones it names (a
// subcommand is given by its exact name, never an alias or a prefix); --help and the messages
// about a mistake list or suggest the others, by name; completion looks at every option.
// Building every command was a quarter of the instructions of one `register`. `convene --help`
// alone builds none: it lists them from the table (`command_summaries`), where building each
// one's CLI11 subcommand was a fifth of its instructions.
enum class Commands { named, summary, listed, every };

// What a command line needs first: `named`, unless it asks for help or completion.
Commands commands_needed(const std::vector<std::string>& words);

// A command as `convene --help` lists it.
struct CommandSummary {
    std::string_view name;
    std::string_view description;
};

// The commands `convene --help` lists, in its order: the same names and lines as the
// subcommands that add_commands builds.
std::span<const CommandSummary> command_summaries();

// Adds `which` commands to `app`; those that `words` (the command line) names get their
// arguments and options. Unknown words are CLI11 errors (exit 2), never a default.
std::vector<Runnable> add_commands(CLI::App& app, const std::vector<std::string>& words,
                                   Commands which);

}  // namespace convene::cli
