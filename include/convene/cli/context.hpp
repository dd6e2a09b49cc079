#pragma once
// What every command is handed (ccache's Context, ninja's State): global options, the
// configuration, the database, output streams and the clock. Nothing here is global.
#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "convene/config/config.hpp"
#include "convene/domain/event.hpp"
#include "convene/export/table_writer.hpp"
#include "convene/store/database.hpp"

namespace convene::cli {

// Options valid before or after any command name.
struct GlobalOptions {
    std::string config_file;
    std::string database;
    std::string format;
    bool quiet{false};
};

class Context {
public:
    Context(GlobalOptions options, std::ostream& out, std::ostream& err,
            config::EnvLookup env = config::process_environment());

    const GlobalOptions& options() const { return m_options; }
    // Loaded on first use, so --help and --version work without a config file.
    const config::Config& config();
    // Opened (and migrated) on first use. Only commands that make something from nothing
    // (create-event) create a missing database; the others fail with NotFoundError naming
    // the path looked up, so a typo in --db or the wrong folder leaves no empty file behind.
    // On PostgreSQL only `db init` (initialise) creates the schema in an empty database.
    enum class IfMissing { refuse, create, initialise };
    store::Database& database(IfMissing if_missing = IfMissing::refuse);
    // The zone for wall times given without --tz; notes it when it is the system's.
    const std::string& default_timezone();

    // "Now", or SOURCE_DATE_EPOCH when set, so outputs are reproducible.
    domain::Instant now() const;
    std::optional<std::string> env(const char* name) const { return m_env(name); }

    // The list format: --format, else output.format, else table on a terminal, tsv otherwise.
    output::Format output_format();
    // Columns a table may take: the terminal's width when stdout is one, else $COLUMNS, else
    // 0 (no limit).
    std::size_t table_width() const;
    // What `list` hands its row writer: --no-header, and the width a table fits unless --wide.
    output::WriterOptions writer_options(bool no_header, bool wide);

    std::ostream& out() { return m_out; }
    // Pushes what was written to out() through to standard output; StorageError (exit 6)
    // when it cannot be written, e.g. closed or on a full disk. Commands that change the
    // database call it before they commit (app::BeforeCommit).
    void flush_output();
    std::ostream& err() { return m_err; }
    bool stdout_is_terminal() const;
    bool stderr_is_terminal() const;

    // Messages for people, on stderr: "convene: warning: …" always; notes unless --quiet.
    void warn(std::string_view message);
    void note(std::string_view message);
    // A default a person would not guess was used: one line, once per run, only for a person
    // at a terminal (not with --quiet, not when stderr is a pipe), so scripts stay clean.
    void note_default(std::string_view message);

private:
    GlobalOptions m_options;
    std::ostream& m_out;
    std::ostream& m_err;
    config::EnvLookup m_env;
    std::optional<config::Config> m_config;
    std::unique_ptr<store::Database> m_database;
    std::set<std::string, std::less<>> m_defaults_noted;
};

}  // namespace convene::cli
