// convene __complete WORD… CURRENT (hidden): what the shell completion scripts ask for. Walks
// the same command table the parser uses, so completion never drifts from the options; one
// candidate per line, already filtered by CURRENT. No output means "complete file names".
#include <algorithm>
#include <filesystem>
#include <iterator>
#include <memory>
#include <ostream>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/domain/agenda.hpp"
#include "convene/domain/time.hpp"
#include "convene/export/format.hpp"
#include "convene/store/database.hpp"
#include "parse_errors.hpp"

namespace convene::cli {

namespace {

using Names = std::vector<std::string>;

struct Position {
    const CLI::App* command{nullptr};
    const CLI::Option* pending{nullptr};  // the option whose value is being typed
    std::size_t positional{0};            // how many positional words were given
    GlobalOptions globals;                // --db and --config, to find the database
};

const CLI::Option* find_option(const CLI::App& command, const std::string& name) {
    for (const auto* at = &command; at != nullptr; at = at->get_parent()) {
        for (const auto* option : at->get_options()) {
            if (!option->get_positional() && option->check_name(name)) return option;
        }
    }
    return nullptr;
}

Position walk(const CLI::App& root, const Names& words) {
    Position at;
    at.command = &root;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        if (at.pending) {
            if (at.pending->check_name("--db")) at.globals.database = word;
            if (at.pending->check_name("--config")) at.globals.config_file = word;
            at.pending = nullptr;
            continue;
        }
        if (word.starts_with('-') && word.size() > 1) {
            const auto equals = word.find('=');
            const auto* option = find_option(*at.command, word.substr(0, equals));
            if (option && option->get_type_size() != 0 && equals == std::string::npos) {
                at.pending = option;
            }
            continue;
        }
        if (auto* sub = find_command(*at.command, {word}); sub && at.positional == 0) {
            at.command = sub;
            continue;
        }
        ++at.positional;
    }
    return at;
}

Names event_slugs(const GlobalOptions& globals, std::ostream& err) {
    try {
        Context context(globals, err, err);
        // Completion must not create a database file where there is none; a PostgreSQL URL
        // names no file.
        const auto& path = context.config().database_path;
        if (!store::is_postgres_url(path.string()) && !std::filesystem::exists(path)) return {};
        return app::event_slugs(context.database());
    } catch (const std::exception&) {
        return {};  // a broken config or database: nothing to offer, and no noise on a TAB
    }
}

// Fixed choices of an option's value; {"@events"}, {"@zones"} for names from elsewhere.
Names option_values(const CLI::App& command, const CLI::Option& option) {
    const auto name = command.get_name();
    if (option.check_name("--format")) {
        if (name == "show") return output::page_format_names();
        if (name == "export-schedule") return output::schedule_format_names();
        return output::format_names();
    }
    if (option.check_name("--status")) {
        if (name == "attendees") return {"registered", "waitlisted", "cancelled"};
        return {"tentative", "confirmed"};
    }
    if (option.check_name("--kind")) {
        return Names(std::begin(domain::k_agenda_kinds), std::end(domain::k_agenda_kinds));
    }
    if (option.check_name("--on-duplicate")) return {"error", "skip", "update"};
    if (option.check_name("--tz")) return {"@zones"};
    if (option.check_name("--parent")) return {"@events"};
    return {};
}

Names positional_values(const CLI::App& command, std::size_t index) {
    if (command.get_name() == "completion") return {"bash", "zsh", "fish"};
    std::vector<const CLI::Option*> positionals;
    for (const auto* option : command.get_options()) {
        if (option->get_positional()) positionals.push_back(option);
    }
    if (positionals.empty()) return {};
    const auto* option = positionals[std::min(index, positionals.size() - 1)];
    if (index >= positionals.size() && option->get_expected_max() <= 1) return {};
    // publish's "EVENT… DIR": the last word is a folder, which the shell completes itself
    // when it types a path; slugs are offered for each word.
    if (option->get_name() == "EVENT" || option->get_name() == "EVENT… DIR") return {"@events"};
    return {};
}

Names candidates(const CLI::App& root, const Names& words, const std::string& current,
                 std::ostream& err) {
    const auto at = walk(root, words);
    Names names;
    if (at.pending) {
        names = option_values(*at.command, *at.pending);
    } else if (current.starts_with('-')) {
        names = option_names(*at.command);
    } else if (at.command->get_name() == "help") {
        const auto* target = find_command(root, Names(words.begin() + 1, words.end()));
        if (target) names = command_names(*target);
    } else if (auto subcommands = command_names(*at.command); !subcommands.empty()) {
        names = subcommands;
    } else {
        names = positional_values(*at.command, at.positional);
    }
    if (names.size() == 1 && names.front() == "@events") names = event_slugs(at.globals, err);
    if (names.size() == 1 && names.front() == "@zones") names = domain::zone_names();
    Names matching;
    for (auto& name : names) {
        if (name.starts_with(current)) matching.push_back(std::move(name));
    }
    return matching;
}

}  // namespace

Runner add_complete(CLI::App& command) {
    // Every word after __complete is the user's command line, options included: none may be
    // parsed here, by the global options (fallthrough) or as --help.
    command.prefix_command();
    command.fallthrough(false);
    command.set_help_flag();
    const CLI::App* root = command.get_parent();
    return [root, &command](Context& context) {
        auto words = command.remaining();
        const auto current = words.empty() ? std::string() : words.back();
        if (!words.empty()) words.pop_back();
        for (const auto& name : candidates(*root, words, current, context.err())) {
            context.out() << name << '\n';
        }
    };
}

}  // namespace convene::cli
