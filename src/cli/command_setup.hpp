#pragma once
// One declaration per command file: each adds its subcommand and returns how to run it.
#include "convene/cli/commands.hpp"

namespace convene::cli {

Command add_init(CLI::App& app);
Command add_create_event(CLI::App& app);
Command add_update_event(CLI::App& app);
Command add_cancel_event(CLI::App& app);
Command add_delete_event(CLI::App& app);
Command add_show(CLI::App& app);
Command add_register(CLI::App& app);
Command add_unregister(CLI::App& app);
Command add_check_in(CLI::App& app);
Command add_export_ics(CLI::App& app);
Command add_list_events(CLI::App& list);
Command add_add_agenda_item(CLI::App& app);
Command add_update_agenda_item(CLI::App& app);
Command add_move_agenda_item(CLI::App& app);
Command add_remove_agenda_item(CLI::App& app);
Command add_list_agenda(CLI::App& list);
Command add_list_attendees(CLI::App& list);
Command add_help(CLI::App& app);
Command add_completion(CLI::App& app);
Command add_complete(CLI::App& app);
Command add_export_schedule(CLI::App& app);
Command add_send(CLI::App& app);
Command add_rsvp(CLI::App& app);
Command add_db_init(CLI::App& db);
Command add_db_copy(CLI::App& db);

}  // namespace convene::cli
