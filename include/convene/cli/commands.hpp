#pragma once
// The table of commands (src/cli/commands.cpp); each command file adds its arguments and
// options to its subcommand and returns how to run it.
#include <functional>
#include <string>
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
// Building every command was a quarter of the instructions of one `register`.
enum class Commands { named, listed, every };

// What a command line needs first: `named`, unless it asks for help or completion.
Commands commands_needed(const std::vector<std::string>& words);

// Adds `which` commands to `app`; those that `words` (the command line) names get their
// arguments and options. Unknown words are CLI11 errors (exit 2), never a default.
std::vector<Runnable> add_commands(CLI::App& app, const std::vector<std::string>& words,
                                   Commands which);

}  // namespace convene::cli
