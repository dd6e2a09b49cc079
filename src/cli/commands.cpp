#include "command_setup.hpp"

namespace convene::cli {

// Declared here, not in command_setup.hpp, so that adding it rebuilds no other command.
Command add_forget(CLI::App& app);
Command add_stats(CLI::App& app);

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
    add_add_agenda_item,
    add_update_agenda_item,
    add_move_agenda_item,
    add_remove_agenda_item,
    add_register,
    add_unregister,
    add_check_in,
    add_export_ics,
    add_forget,
    add_export_schedule,
    add_send,
    add_rsvp,
    add_help,
    add_completion,
    add_complete,
    add_stats,
};

// `list WHAT …`: one entry per kind of list.
constexpr Setup k_lists[] = {
    add_list_events,
    add_list_agenda,
    add_list_attendees,
};

// `db WHAT …`: the database itself.
constexpr Setup k_database_commands[] = {
    add_db_init,
    add_db_copy,
};

}  // namespace

std::vector<Command> add_commands(CLI::App& app) {
    std::vector<Command> commands;
    for (auto setup : k_commands) commands.push_back(setup(app));
    auto* list = app.add_subcommand("list", "List events, an agenda or attendees");
    list->require_subcommand(1);
    for (auto setup : k_lists) commands.push_back(setup(*list));
    auto* db = app.add_subcommand("db", "Set up a database, copy events between databases");
    db->require_subcommand(1);
    for (auto setup : k_database_commands) commands.push_back(setup(*db));
    return commands;
}

}  // namespace convene::cli
