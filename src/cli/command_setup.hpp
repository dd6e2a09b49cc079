#pragma once
// One declaration per command file: each adds its command's arguments and options to the
// subcommand that the table of commands (commands.cpp) made, and returns how to run it.
#include "convene/cli/commands.hpp"

namespace convene::cli {

Runner add_init(CLI::App& command);
Runner add_create_event(CLI::App& command);
Runner add_update_event(CLI::App& command);
Runner add_cancel_event(CLI::App& command);
Runner add_delete_event(CLI::App& command);
Runner add_show(CLI::App& command);
Runner add_register(CLI::App& command);
Runner add_unregister(CLI::App& command);
Runner add_check_in(CLI::App& command);
Runner add_export_ics(CLI::App& command);
Runner add_list_events(CLI::App& command);
Runner add_add_agenda_item(CLI::App& command);
Runner add_update_agenda_item(CLI::App& command);
Runner add_move_agenda_item(CLI::App& command);
Runner add_remove_agenda_item(CLI::App& command);
Runner add_list_agenda(CLI::App& command);
Runner add_list_attendees(CLI::App& command);
Runner add_help(CLI::App& command);
Runner add_completion(CLI::App& command);
Runner add_complete(CLI::App& command);
Runner add_export_schedule(CLI::App& command);
Runner add_publish(CLI::App& command);
Runner add_import_schedule(CLI::App& command);
Runner add_send(CLI::App& command);
Runner add_rsvp(CLI::App& command);
Runner add_db_init(CLI::App& command);
Runner add_db_copy(CLI::App& command);
Runner add_db_check(CLI::App& command);

}  // namespace convene::cli
