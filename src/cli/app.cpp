#include "convene/cli/app.hpp"

#include <ostream>

#include <SQLiteCpp/Exception.h>

#include "convene/cli/commands.hpp"
#include "convene/error.hpp"

namespace convene::cli {

namespace {

int report(std::ostream& err, ExitCode code, std::string_view what, std::string_view hint = {}) {
    err << "convene: error: " << what << '\n';
    if (!hint.empty()) err << "convene: hint: " << hint << '\n';
    return static_cast<int>(code);
}

}  // namespace

int run_app(int argc, char** argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"convene: set up events, agendas, registrations and calendar invitations "
                 "from a terminal",
                 "convene"};
    app.set_version_flag("--version", "convene " CONVENE_VERSION);
    app.require_subcommand(1);
    // Global options may also follow the command name.
    app.fallthrough();
    GlobalOptions options;
    app.add_option("--config", options.config_file, "Configuration file (TOML)");
    app.add_option("--db", options.database, "SQLite database file");
    app.add_option("--format", options.format, "Output format: table, tsv, csv, json, jsonl "
                                                "(show: text, markdown, html, json)");
    app.add_flag("-q,--quiet", options.quiet, "Print no notes on stderr");
    const auto commands = add_commands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion&) {
        out << app.version() << '\n';
        return 0;
    } catch (const CLI::ParseError& e) {
        // CLI11 reports a mistyped command as "a subcommand is required"; name the word instead.
        const auto leftover = app.remaining();
        std::string what = e.what();
        if (!leftover.empty() && app.get_subcommands().empty()) {
            const bool is_option = leftover.front().starts_with('-');
            what = (is_option ? "unknown option '" : "unknown command '") + leftover.front() + "'";
        }
        return report(err, ExitCode::usage, what,
                      "see 'convene --help' or 'convene COMMAND --help'");
    }

    try {
        Context context(options, out, err);
        for (const auto& command : commands) {
            if (command.app->parsed()) {
                command.run(context);
                out.flush();
                return 0;
            }
        }
        return report(err, ExitCode::usage, "no command given", "see 'convene --help'");
    } catch (const Error& e) {
        return report(err, e.code(), e.what(), e.hint());
    } catch (const SQLite::Exception& e) {
        return report(err, store::exit_code_for(e), std::string("database: ") + e.what());
    } catch (const std::exception& e) {
        return report(err, ExitCode::bug, e.what(), "this is a bug in convene; please report it");
    }
}

}  // namespace convene::cli
