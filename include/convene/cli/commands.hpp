#pragma once
// The table of commands: each command file adds its subcommand and returns how to run it.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/cli/context.hpp"

namespace convene::cli {

using Runner = std::function<void(Context&)>;

// What a command file adds: its subcommand (the name and description that --help lists), and
// the function that adds its arguments and options and returns how to run it. Only the
// commands that the command line names are built: building all of them cost a quarter of a
// `register`'s instructions.
struct Command {
    CLI::App* app;
    Runner (*add_options)(CLI::App& command);
};

// A command ready to run: its (sub)subcommand, to know which one was given, and its runner
// (empty for a command the command line did not name, which cannot have been given).
struct Runnable {
    CLI::App* app;
    Runner run;
};

// Adds every command to `app`, building those that `words` (the command line) names, or all
// of them for completion. Unknown words are CLI11 errors (exit 2), never a default.
std::vector<Runnable> add_commands(CLI::App& app, const std::vector<std::string>& words);

}  // namespace convene::cli
