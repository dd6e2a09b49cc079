#pragma once
// What every command is handed (ccache's Context, ninja's State): global options, the
// configuration, the database, output streams and the clock. Nothing here is global.
#include <iosfwd>
#include <memory>
#include <optional>
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
    // Opened (and migrated) on first use.
    store::Database& database();

    // "Now", or SOURCE_DATE_EPOCH when set, so outputs are reproducible.
    domain::Instant now() const;
    std::optional<std::string> env(const char* name) const { return m_env(name); }

    // The list format: --format, else output.format, else table on a terminal, tsv otherwise.
    output::Format output_format();

    std::ostream& out() { return m_out; }
    std::ostream& err() { return m_err; }
    bool stdout_is_terminal() const;
    bool stderr_is_terminal() const;

    // Messages for people, on stderr: "convene: warning: …" always; notes unless --quiet.
    void warn(std::string_view message);
    void note(std::string_view message);

private:
    GlobalOptions m_options;
    std::ostream& m_out;
    std::ostream& m_err;
    config::EnvLookup m_env;
    std::optional<config::Config> m_config;
    std::unique_ptr<store::Database> m_database;
};

}  // namespace convene::cli
