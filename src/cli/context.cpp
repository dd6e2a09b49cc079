#include "convene/cli/context.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/error.hpp"
#include "convene/text/printable.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

Context::Context(GlobalOptions options, std::ostream& out, std::ostream& err, config::EnvLookup env)
    : m_options(std::move(options)), m_out(out), m_err(err), m_env(std::move(env)) {}

const config::Config& Context::config() {
    if (!m_config) {
        m_config = config::load({m_options.config_file, m_options.database}, m_env);
    }
    return *m_config;
}

store::Database& Context::database(IfMissing if_missing) {
    if (m_database) return *m_database;
    namespace fs = std::filesystem;
    const auto& path = config().database_path;
    const auto& origin = config().database_origin;
    const bool missing =
        path != ":memory:" && !store::is_postgres_url(path.string()) && !fs::exists(path);
    if (missing && if_missing == IfMissing::refuse) {
        std::error_code ignored;
        throw NotFoundError(
            fmt::format("no database at {} ({})", fs::absolute(path, ignored).string(),
                        origin.empty() ? "the default: convene.db in the current folder" : origin),
            "convene create-event creates it; or choose another with --db FILE, CONVENE_DB or "
            "database.path in convene.toml");
    }
    m_database = std::make_unique<store::Database>(path, config().lock_wait,
                                                   if_missing == IfMissing::initialise
                                                       ? store::Database::IfNoSchema::create
                                                       : store::Database::IfNoSchema::refuse,
                                                   config().database_timeout);
    if (missing && origin.empty()) {
        note_default(
            "created the database convene.db in the current folder (choose another "
            "with --db FILE or database.path in convene.toml)");
    }
    return *m_database;
}

const std::string& Context::default_timezone() {
    if (config().timezone_from_system) {
        note_default(
            fmt::format("times without --tz are read in {}, this system's zone (set "
                        "defaults.timezone in convene.toml or CONVENE_TZ to choose)",
                        config().default_timezone));
    }
    return config().default_timezone;
}

domain::Instant Context::now() const {
    if (auto epoch = m_env("SOURCE_DATE_EPOCH"); epoch && !epoch->empty()) {
        long long seconds = 0;
        auto [ptr, ec] = std::from_chars(epoch->data(), epoch->data() + epoch->size(), seconds);
        if (ec != std::errc{} || ptr != epoch->data() + epoch->size()) {
            throw UsageError(fmt::format("SOURCE_DATE_EPOCH is not a number: '{}'", *epoch));
        }
        return domain::Instant{std::chrono::seconds{seconds}};
    }
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

output::Format Context::output_format() {
    if (!m_options.format.empty())
        return flag_value(output::parse_format(m_options.format), "format");
    // The config's value was checked when the file was read.
    if (!config().output_format.empty()) return *output::parse_format(config().output_format);
    return output::default_format(stdout_is_terminal());
}

std::size_t Context::table_width() const {
    if (stdout_is_terminal()) {
        winsize size{};
        if (::ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    }
    if (auto columns = m_env("COLUMNS"); columns && !columns->empty()) {
        std::size_t width = 0;
        auto [ptr, ec] = std::from_chars(columns->data(), columns->data() + columns->size(), width);
        if (ec == std::errc{} && ptr == columns->data() + columns->size()) return width;
    }
    return 0;
}

output::WriterOptions Context::writer_options(bool no_header, bool wide) {
    return {.no_header = no_header,
            .width = wide ? 0 : table_width(),
            .left_out = [this](const std::vector<std::string_view>& left_out, std::size_t width) {
                note(fmt::format("left out {} to fit {} columns; --wide shows everything",
                                 fmt::join(left_out, ", "), width));
            }};
}

void Context::flush_output() {
    errno = 0;
    bool ok = static_cast<bool>(m_out.flush());
    if (&m_out == &std::cout) ok = std::fflush(stdout) == 0 && !std::ferror(stdout) && ok;
    if (!ok) {
        const int error = errno;
        throw StorageError(fmt::format("cannot write to standard output: {}",
                                       error != 0 ? std::strerror(error) : "write failed"),
                           "nothing was written to the database");
    }
}

bool Context::stdout_is_terminal() const { return &m_out == &std::cout && ::isatty(1) == 1; }
bool Context::stderr_is_terminal() const { return &m_err == &std::cerr && ::isatty(2) == 1; }

// Notes and warnings quote input too (a CSV header in `register --dry-run`'s column notes):
// escaped like errors, so that no ESC or BEL from a file reaches the terminal, but not cut
// as short.
namespace {
constexpr std::size_t k_note_limit = 2000;
}  // namespace

void Context::warn(std::string_view message) {
    m_err << "convene: warning: " << text::printable(message, k_note_limit) << '\n';
}

void Context::note(std::string_view message) {
    if (!m_options.quiet) m_err << "convene: " << text::printable(message, k_note_limit) << '\n';
}

void Context::note_default(std::string_view message) {
    if (m_options.quiet || !stderr_is_terminal()) return;
    if (!m_defaults_noted.emplace(message).second) return;
    m_err << "convene: " << text::printable(message, k_note_limit) << '\n';
}

}  // namespace convene::cli
