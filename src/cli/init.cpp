// convene init: write a commented starter config file.
#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/error.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string path{"convene.toml"};
    bool force{false};
    config::StarterValues values;
};

void run(const Options& options, Context& context) {
    if (std::filesystem::exists(options.path) && !options.force) {
        throw ConflictError(fmt::format("{} exists already", options.path),
                            "add --force to overwrite it");
    }
    const auto text = config::starter_file(options.values);
    std::ofstream file(options.path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) throw UsageError(fmt::format("cannot write {}", options.path));
    context.note(fmt::format("wrote {}", options.path));
}

}  // namespace

Command add_init(CLI::App& app) {
    auto* command = app.add_subcommand("init", "Write a commented starter configuration file");
    auto options = std::make_shared<Options>();
    command->add_option("FILE", options->path, "Where to write it (default: convene.toml)");
    command->add_flag("--force", options->force, "Overwrite an existing file");
    command->add_option("--organiser-name", options->values.organiser_name,
                        "Set organiser.name (invitations come from this organiser)");
    command->add_option("--organiser-email", options->values.organiser_email,
                        "Set organiser.email (where replies to invitations go)");
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
