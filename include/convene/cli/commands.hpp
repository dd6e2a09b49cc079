#pragma once
// The table of commands: each command file adds its subcommand and returns how to run it.
#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/cli/context.hpp"

namespace convene::cli {

using Runner = std::function<void(Context&)>;

struct Command {
    CLI::App* app;  // the (sub)subcommand, to know which one was given
    Runner run;
};

// Builds every command into `app`. Unknown words are CLI11 errors (exit 2), never a default.
std::vector<Command> add_commands(CLI::App& app);

}  // namespace convene::cli
