// convene init: write a commented starter config file.
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/error.hpp"
#include "convene/io/output_file.hpp"
#include "not_empty.hpp"

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
    const auto starter = config::starter_file(options.values);
    if (!starter) {
        throw UsageError(fmt::format("--organiser-email: '{}': {}", options.values.organiser_email,
                                     starter.problem().message));
    }
    // Whole or not at all, never through a dangling symlink or onto a device.
    io::OutputFile file(options.path);
    file.stream() << *starter;
    file.commit();
    context.note(fmt::format("wrote {}", options.path));
}

}  // namespace

Runner add_init(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("FILE", options->path, "Where to write it (default: convene.toml)")
        ->check(not_empty());
    command.add_flag("--force", options->force, "Overwrite an existing file");
    command.add_option("--organiser-name", options->values.organiser_name,
                       "Set organiser.name (invitations come from this organiser)");
    command.add_option("--organiser-email", options->values.organiser_email,
                       "Set organiser.email (where replies to invitations go)");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
