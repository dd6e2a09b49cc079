#include "convene/cli/context.hpp"

#include <unistd.h>

#include <charconv>
#include <iostream>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

Context::Context(GlobalOptions options, std::ostream& out, std::ostream& err,
                 config::EnvLookup env)
    : m_options(std::move(options)), m_out(out), m_err(err), m_env(std::move(env)) {}

const config::Config& Context::config() {
    if (!m_config) {
        m_config = config::load({m_options.config_file, m_options.database}, m_env);
    }
    return *m_config;
}

store::Database& Context::database() {
    if (!m_database) m_database = std::make_unique<store::Database>(config().database_path);
    return *m_database;
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
    if (!m_options.format.empty()) return flag_value(output::parse_format(m_options.format), "format");
    // The config's value was checked when the file was read.
    if (!config().output_format.empty()) return *output::parse_format(config().output_format);
    return output::default_format(stdout_is_terminal());
}

bool Context::stdout_is_terminal() const { return &m_out == &std::cout && ::isatty(1) == 1; }
bool Context::stderr_is_terminal() const { return &m_err == &std::cerr && ::isatty(2) == 1; }

void Context::warn(std::string_view message) {
    m_err << "convene: warning: " << message << '\n';
}

void Context::note(std::string_view message) {
    if (!m_options.quiet) m_err << "convene: " << message << '\n';
}

}  // namespace convene::cli
