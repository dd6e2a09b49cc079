#include <algorithm>
#include <array>
#include <iterator>
#include <span>
#include <string_view>

#include "command_setup.hpp"

namespace convene::cli {

// Declared here, not in command_setup.hpp, so that adding it rebuilds no other command.
Runner add_forget(CLI::App& command);
Runner add_stats(CLI::App& command);

namespace {

// A command: its name and the line --help shows, known without building it, and the function
// that adds its arguments and options.
struct Entry {
    std::string_view name;
    std::string_view description;
    Runner (*add_options)(CLI::App& command);
    bool hidden{false};  // only the completion scripts call it
};

// The table of commands, in the order --help lists them.
constexpr Entry k_commands[] = {
    {"init", "Write a commented starter configuration file", add_init},
    {"create-event", "Create an event; prints its slug", add_create_event},
    {"update-event", "Change an event's fields", add_update_event},
    {"cancel-event", "Cancel an event (kept, with status cancelled and a higher sequence)",
     add_cancel_event},
    {"delete-event", "Delete an event with its agenda and registrations (needs --yes)",
     add_delete_event},
    {"show",
     "Print the event page in the event's language: when, where, links, organisers, "
     "agenda, sessions (--format text|markdown|html|json)",
     add_show},
    {"add-agenda-item", "Add an item to an event's agenda; prints its position",
     add_add_agenda_item},
    {"update-agenda-item", "Change an agenda item", add_update_agenda_item},
    {"move-agenda-item", "Move an agenda item to another position", add_move_agenda_item},
    {"remove-agenda-item", "Delete an agenda item", add_remove_agenda_item},
    {"register", "Register one person (prints the id), or many from --csv/--jsonl", add_register},
    {"unregister", "Cancel a registration; the first waitlisted person gets the seat",
     add_unregister},
    {"check-in", "Record that a registered person arrived", add_check_in},
    {"export-ics", "Write events as an iCalendar file to import or subscribe to, or invitations",
     add_export_ics},
    {"forget", "Erase a person's registrations and custom fields (data-protection requests)",
     add_forget},
    {"export-schedule",
     "Write a frab/pretalx schedule for conference apps (--format frab-xml|frab-json)",
     add_export_schedule},
    {"publish",
     "Write a static site: each event's page in each of its languages, calendar feeds to "
     "subscribe to, the programme's schedule",
     add_publish},
    {"import-schedule",
     "Read a frab/pretalx schedule into a parent event with a session per talk; read again "
     "to follow its changes",
     add_import_schedule},
    {"send", "E-mail invitations and cancellations that people have not received yet", add_send},
    {"rsvp", "Record an attendee's reply to an invitation (an iTIP REPLY, .ics or e-mail)",
     add_rsvp},
    {"help", "Print the help of convene or of a COMMAND", add_help},
    {"completion", "Print the shell completion script for bash, zsh or fish", add_completion},
    {"__complete", "Candidates for shell completion", add_complete, true},
    {"stats",
     "Counts of an event: seats, waiting, cancelled, checked in, per language and "
     "organisation",
     add_stats},
};

// `list WHAT …`: one entry per kind of list.
constexpr Entry k_lists[] = {
    {"events", "List events by start time", add_list_events},
    {"agenda", "List the agenda of an event", add_list_agenda},
    {"attendees", "List an event's registrations", add_list_attendees},
};

// `db WHAT …`: the database itself.
constexpr Entry k_database_commands[] = {
    {"init", "Create convene's tables in the database (a team's PostgreSQL: once)", add_db_init},
    {"copy",
     "Copy events with their agendas, registrations and ledger to or from another "
     "database",
     add_db_copy},
    {"check",
     "Check the database: the engine's integrity and convene's counts, waiting lists, "
     "ledger, sequences and UIDs",
     add_db_check},
};

struct Group {
    std::string_view name;
    std::string_view description;
    std::span<const Entry> commands;
};

constexpr Group k_groups[] = {
    {"list", "List events, an agenda or attendees", k_lists},
    {"db", "Set up, check, or copy events between databases", k_database_commands},
};

// The visible commands, then the groups: the order in which add_commands adds them.
constexpr auto k_summaries = [] {
    constexpr auto visible =
        static_cast<std::size_t>(std::count_if(std::begin(k_commands), std::end(k_commands),
                                               [](const Entry& entry) { return !entry.hidden; }));
    std::array<CommandSummary, visible + std::size(k_groups)> summaries{};
    std::size_t at = 0;
    for (const auto& entry : k_commands)
        if (!entry.hidden) summaries[at++] = {entry.name, entry.description};
    for (const auto& group : k_groups) summaries[at++] = {group.name, group.description};
    return summaries;
}();

bool named(std::string_view name, const std::vector<std::string>& words) {
    return std::find(words.begin(), words.end(), name) != words.end();
}

void add(CLI::App& parent, std::span<const Entry> entries, const std::vector<std::string>& words,
         Commands which, std::vector<Runnable>& commands) {
    for (const auto& entry : entries) {
        const bool build = which == Commands::every || named(entry.name, words);
        if (!build && which == Commands::named) continue;
        auto* command =
            parent.add_subcommand(std::string(entry.name), std::string(entry.description));
        if (entry.hidden) command->group("");
        commands.push_back({command, build ? entry.add_options(*command) : Runner()});
    }
}

}  // namespace

Commands commands_needed(const std::vector<std::string>& words) {
    if (named("completion", words) || named("__complete", words)) return Commands::every;
    // `convene`, `convene --help`, `convene -h`, `convene help`: the list of commands alone.
    if (words.empty() ||
        (words.size() == 1 && (words[0] == "--help" || words[0] == "-h" || words[0] == "help")))
        return Commands::summary;
    const bool help = std::any_of(words.begin(), words.end(), [](auto& word) {
        return word == "help" || word == "-h" || word == "--help" || word == "--help-all";
    });
    return help ? Commands::listed : Commands::named;
}

std::span<const CommandSummary> command_summaries() { return k_summaries; }

std::vector<Runnable> add_commands(CLI::App& app, const std::vector<std::string>& words,
                                   Commands which) {
    std::vector<Runnable> commands;
    if (which == Commands::summary) return commands;
    add(app, k_commands, words, which, commands);
    for (const auto& group : k_groups) {
        if (which == Commands::named && !named(group.name, words)) continue;
        auto* command = app.add_subcommand(std::string(group.name), std::string(group.description));
        command->require_subcommand(1);
        add(*command, group.commands, words, which, commands);
    }
    return commands;
}

}  // namespace convene::cli
