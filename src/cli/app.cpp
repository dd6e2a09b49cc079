#include "convene/cli/app.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "convene/app/database_check.hpp"
#include "convene/cli/commands.hpp"
#include "convene/error.hpp"
#include "convene/io/standard_streams.hpp"
#include "convene/store/database.hpp"
#include "convene/text/printable.hpp"
#include "help_formatter.hpp"
#include "not_empty.hpp"
#include "parse_errors.hpp"

namespace convene::cli {

namespace {

// Messages quote input (a CSV cell, a flag's value): escaped and cut, so that they stay one
// short line and no escape sequence from the input reaches the terminal.
int report(std::ostream& err, ExitCode code, std::string_view what, std::string_view hint = {}) {
    err << "convene: error: " << text::printable(what) << '\n';
    if (!hint.empty()) err << "convene: hint: " << text::printable(hint) << '\n';
    return static_cast<int>(code);
}

// Output that could not be written (a full disk, a closed pipe with SIGPIPE ignored) is a
// failure, not a success with data silently lost. For the process's own stdout the C stream
// is flushed and closed too, so that a late write error (NFS, a full device) is seen.
void finish_output(std::ostream& out) {
    errno = 0;
    bool ok = static_cast<bool>(out.flush());
    if (&out == &std::cout) {
        ok = std::fflush(stdout) == 0 && !std::ferror(stdout) && ok;
        ok = std::fclose(stdout) == 0 && ok;
    }
    if (!ok) {
        const int error = errno;
        throw StorageError(fmt::format("cannot write to standard output: {}",
                                       error != 0 ? std::strerror(error) : "write failed"));
    }
}

// The database refused a write (a constraint, a type). The command's transaction has rolled
// back. Damage is said only when `db check` finds some: a false "damaged" would send people
// to their backups. Otherwise convene broke its own rules: a bug, and the data is sound.
int report_refused_write(Context& context, std::ostream& err, const store::RefusedWrite& refused) {
    std::optional<app::CheckReport> check;
    try {
        check = app::check_database(context.database());
    } catch (const std::exception&) {
        // The check could not run: say what happened, and how to learn more.
        return report(err, ExitCode::storage,
                      fmt::format("the database refused a write: {}", refused.what()),
                      "nothing was written; 'convene db check' tells whether it is damaged");
    }
    if (!check->problems.empty()) {
        const auto& first = check->problems.front();
        return report(err, ExitCode::storage,
                      fmt::format("the database is damaged: {}: {}", first.invariant, first.detail),
                      "'convene db check' lists every problem; restore it from a backup");
    }
    return report(
        err, ExitCode::bug,
        fmt::format("convene tried to write what its own rules forbid: {}", refused.what()),
        "nothing was written and the database is sound ('convene db check' agrees); "
        "this is a bug in convene, please report it");
}

// The parser of one command line: convene's global options and the commands `which` says.
struct Parser {
    CLI::App app{
        "convene: set up events, agendas, registrations and calendar invitations "
        "from a terminal",
        "convene"};
    GlobalOptions options;
    Commands which;
    std::vector<Runnable> commands;

    Parser(const std::vector<std::string>& words, Commands which_commands) : which(which_commands) {
        // Before the commands are added: they take their parent's formatter.
        auto formatter = std::make_shared<HelpFormatter>();
        if (which == Commands::summary) formatter->list_unbuilt(command_summaries());
        app.formatter(formatter);
        app.set_version_flag("--version", "convene " CONVENE_VERSION);
        app.require_subcommand(1);
        // Global options may also follow the command name.
        app.fallthrough();
        app.add_option("--config", options.config_file, "Configuration file (TOML)")
            ->check(not_empty());
        app.add_option("--db", options.database,
                       "SQLite database file, or PostgreSQL: a postgresql:// URL or "
                       "'host=... dbname=...'")
            ->check(not_empty());
        app.add_option("--format", options.format,
                       "Output format: table, tsv, csv, json, jsonl "
                       "(show: text, markdown, html, json; export-schedule: "
                       "frab-xml, frab-json)");
        app.add_flag("-q,--quiet", options.quiet, "Print no notes on stderr");
        commands = add_commands(app, words, which);
    }

    void parse(const std::vector<std::string>& arguments) {
        auto words = expand_help(app, arguments);
        std::reverse(words.begin(), words.end());  // CLI11 takes them last first
        app.parse(words);
    }
};

}  // namespace

int run_app(int argc, char** argv, std::ostream& out, std::ostream& err) {
    io::hold_closed_standard_streams();
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    auto parser = std::make_unique<Parser>(arguments, commands_needed(arguments));
    const auto finished = [&](int code) {
        try {
            finish_output(out);
        } catch (const Error& e) {
            return report(err, e.code(), e.what());
        }
        return code;
    };

    try {
        try {
            parser->parse(arguments);
        } catch (const CLI::Success&) {
            throw;
        } catch (const CLI::ParseError&) {
            // A mistake: its message may list or suggest the commands the line did not name.
            if (parser->which == Commands::listed || parser->which == Commands::every) throw;
            parser = std::make_unique<Parser>(arguments, Commands::listed);
            parser->parse(arguments);
        }
    } catch (const Error& e) {
        return report(err, e.code(), e.what(), e.hint());
    } catch (const CLI::CallForHelp&) {
        out << parser->app.help();
        return finished(0);
    } catch (const CLI::CallForAllHelp&) {
        out << parser->app.help("", CLI::AppFormatMode::All);
        return finished(0);
    } catch (const CLI::CallForVersion&) {
        out << parser->app.version() << '\n';
        return finished(0);
    } catch (const CLI::ParseError& e) {
        // CLI11 reports a mistyped command as "a subcommand is required"; name the word instead.
        const auto problem = explain(parser->app, e);
        return report(err, ExitCode::usage, problem.what, problem.hint);
    }

    Context context(parser->options, out, err);
    try {
        for (const auto& command : parser->commands) {
            if (command.app->parsed()) {
                if (!command.run) throw std::logic_error("a command was given but not built");
                command.run(context);
                finish_output(out);
                return 0;
            }
        }
        return report(err, ExitCode::usage, "no command given", "see 'convene --help'");
    } catch (const Error& e) {
        return report(err, e.code(), e.what(), e.hint());
    } catch (const store::RefusedWrite& e) {
        return report_refused_write(context, err, e);
    } catch (const std::exception& e) {
        return report(err, ExitCode::bug, e.what(), "this is a bug in convene; please report it");
    }
}

}  // namespace convene::cli
