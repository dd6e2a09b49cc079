#include "command_setup.hpp"

namespace convene::cli {

namespace {

using Setup = Command (*)(CLI::App&);

// The table of commands, in the order --help lists them.
constexpr Setup k_commands[] = {
    add_init,
    add_create_event,
    add_update_event,
    add_cancel_event,
    add_delete_event,
    add_show,
};


}  // namespace

std::vector<Command> add_commands(CLI::App& app) {
    std::vector<Command> commands;
    for (auto setup : k_commands) commands.push_back(setup(app));
    return commands;
}

}  // namespace convene::cli
