#include <algorithm>

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

// Whether the command line needs every command's options: the completion script is written
// from them, and completing a word looks at any command.
bool needs_all(const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [](const std::string& word) {
        return word == "completion" || word == "__complete";
    });
}

// A subcommand is only ever given by its exact name (no aliases, no prefixes), so a command
// whose name is not one of the words cannot be the one to run. Building more than that (a
// word that is an option's value) changes nothing.
void add(CLI::App& parent, Setup setup, const std::vector<std::string>& words, bool all,
         std::vector<Runnable>& commands) {
    const auto command = setup(parent);
    const bool named =
        all || std::find(words.begin(), words.end(), command.app->get_name()) != words.end();
    commands.push_back({command.app, named ? command.add_options(*command.app) : Runner()});
}

}  // namespace

std::vector<Runnable> add_commands(CLI::App& app, const std::vector<std::string>& words) {
    const bool all = needs_all(words);
    std::vector<Runnable> commands;
    for (auto setup : k_commands) add(app, setup, words, all, commands);
    auto* list = app.add_subcommand("list", "List events, an agenda or attendees");
    list->require_subcommand(1);
    for (auto setup : k_lists) add(*list, setup, words, all, commands);
    auto* db = app.add_subcommand("db", "Set up a database, copy events between databases");
    db->require_subcommand(1);
    for (auto setup : k_database_commands) add(*db, setup, words, all, commands);
    return commands;
}

}  // namespace convene::cli
