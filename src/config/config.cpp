#include "convene/config/config.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "convene/domain/email.hpp"
#include "convene/domain/event.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/format.hpp"
#include "convene/text/strings.hpp"

namespace convene::config {

namespace fs = std::filesystem;

namespace {

// Longer than an hour is a mistake: a command should not hang a script for a day.
constexpr std::chrono::seconds k_max_lock_wait{3600};

[[noreturn]] void fail(const fs::path& file, const toml::source_region& where, std::string_view key,
                       std::string_view what) {
    throw BadInputError(fmt::format("{}:{}: {}: {}", file.string(), where.begin.line, key, what));
}

std::string require_string(const fs::path& file, std::string_view key, const toml::node& node) {
    if (const auto* value = node.as_string()) return value->get();
    fail(file, node.source(), key, "expected a string");
}

// An array of durations ("1d", "2h", "30m", "1h30m").
std::vector<std::chrono::seconds> require_durations(const fs::path& file, std::string_view key,
                                                    const toml::node& node) {
    const auto* durations = node.as_array();
    if (!durations) fail(file, node.source(), key, "expected an array of durations");
    std::vector<std::chrono::seconds> out;
    for (const auto& duration_node : *durations) {
        auto duration = domain::parse_duration(require_string(file, key, duration_node));
        if (!duration) fail(file, duration_node.source(), key, duration.problem().message);
        out.push_back(*duration);
    }
    return out;
}

std::string require_zone(const fs::path& file, std::string_view key, const toml::node& node) {
    auto name = require_string(file, key, node);
    if (auto zone = domain::find_zone(name); !zone) {
        fail(file, node.source(), key, zone.problem().message);
    }
    return name;
}

// A lock wait: a duration such as "30s" or "2m", or "0s" to give up at once.
std::chrono::seconds read_wait(std::string_view text, std::string& problem) {
    if (text == "0" || text == "0s") return std::chrono::seconds{0};
    auto wait = domain::parse_duration(text);
    if (!wait) {
        problem = wait.problem().message;
        return {};
    }
    if (*wait > k_max_lock_wait) {
        problem = fmt::format("'{}' is longer than {} minutes", text, k_max_lock_wait.count() / 60);
    }
    return *wait;
}

std::chrono::seconds require_wait(const fs::path& file, std::string_view key,
                                  const toml::node& node) {
    std::string problem;
    const auto wait = read_wait(require_string(file, key, node), problem);
    if (!problem.empty()) fail(file, node.source(), key, problem);
    return wait;
}

// A time limit on a program or a server (mail.timeout, database.timeout): like a lock wait,
// but never zero, which would fail every command.
std::chrono::seconds require_timeout(const fs::path& file, std::string_view key,
                                     const toml::node& node) {
    const auto timeout = require_wait(file, key, node);
    if (timeout.count() == 0) fail(file, node.source(), key, "must be at least 1s");
    return timeout;
}

// organiser.email, or "Name <address>" as mail programs write it. The address goes into the
// SMTP envelope and every header as it is, so anything else (a line break above all) is
// refused. Empty `problem` when it is fine.
struct OrganiserAddress {
    std::string name;
    std::string email;
    std::string problem;
};

OrganiserAddress split_organiser_email(std::string_view text) {
    OrganiserAddress out{{}, std::string(text), {}};
    if (std::any_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
        out.problem = "not an e-mail address: it holds a line break or another control character";
        return out;
    }
    if (const auto open = text.find('<'); open != std::string_view::npos) {
        if (!text.ends_with('>') || text.find('<', open + 1) != std::string_view::npos) {
            out.problem = "expected an address, or a name and an address as \"Name <address>\"";
            return out;
        }
        auto name = text::trim(text.substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
        }
        out.name = std::string(name);
        out.email = std::string(text.substr(open + 1, text.size() - open - 2));
    }
    if (const auto problem = domain::email_problem(out.email)) {
        out.problem = fmt::format("not an e-mail address: {}", *problem);
    } else if (out.name.find_first_of("\r\n\"<>") != std::string::npos) {
        out.problem = "the name before the address holds a line break or a quote";
    }
    return out;
}

// The name, if any, is the organiser's unless organiser.name gives one (applied after: toml++
// visits keys in order, "email" before "name").
void read_organiser_email(const fs::path& file, std::string_view key, const toml::node& node,
                          Config& config) {
    auto address = split_organiser_email(require_string(file, key, node));
    if (!address.problem.empty()) fail(file, node.source(), key, address.problem);
    config.organiser_email = std::move(address.email);
    if (!address.name.empty()) config.organiser_name = std::move(address.name);
}

// One entry per key the file may hold; anything else is rejected (ccache's key table).
struct KeyRule {
    std::string_view key;
    void (*apply)(const fs::path& file, std::string_view key, const toml::node&, Config&);
};

constexpr std::array k_keys{
    KeyRule{"database.lock_wait",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.lock_wait = require_wait(file, key, node);
            }},
    KeyRule{"database.timeout",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.database_timeout = require_timeout(file, key, node);
            }},
    KeyRule{"database.path",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                fs::path path = require_string(file, key, node);
                if (path.empty()) fail(file, node.source(), key, "must not be empty");
                // Relative to the config file, so a project folder can carry its own database.
                c.database_path =
                    path.is_absolute() || path == ":memory:" ? path : file.parent_path() / path;
                c.database_origin = fmt::format("database.path in {}", file.string());
            }},
    KeyRule{"database.url",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                const auto url = require_string(file, key, node);
                // A team's PostgreSQL; used instead of database.path.
                if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
                    fail(file, node.source(), key,
                         "must be a postgresql:// URL, e.g. postgresql://user@host/convene");
                }
                c.database_url = url;
                c.database_origin = fmt::format("database.url in {}", file.string());
            }},
    KeyRule{"defaults.timezone",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.default_timezone = require_zone(file, key, node);
                c.timezone_from_system = false;
            }},
    KeyRule{"defaults.reminders",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.default_reminders = require_durations(file, key, node);
            }},
    KeyRule{"send.reminders",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.send_reminders = require_durations(file, key, node);
            }},
    KeyRule{"defaults.locale",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto locale = domain::parse_locale(require_string(file, key, node));
                if (!locale) {
                    const auto& problem = locale.problem();
                    fail(file, node.source(), key,
                         fmt::format("{} ({})", problem.message, problem.hint));
                }
                c.default_locale = *std::move(locale);
            }},
    KeyRule{"invitations.templates",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                fs::path path = require_string(file, key, node);
                if (path.empty()) fail(file, node.source(), key, "must not be empty");
                // Relative to the config file, like database.path.
                c.templates_dir = path.is_absolute() ? path : file.parent_path() / path;
            }},
    KeyRule{"organiser.name",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.organiser_name = require_string(file, key, node);
            }},
    KeyRule{"organiser.email", read_organiser_email},
    KeyRule{"output.format",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto format = require_string(file, key, node);
                if (auto known = output::parse_format(format); !known) {
                    fail(file, node.source(), key, known.problem().message);
                }
                c.output_format = format;
            }},
    KeyRule{"output.timezones",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                const auto* zones = node.as_array();
                if (!zones) fail(file, node.source(), key, "expected an array of zone names");
                c.output_timezones.clear();
                for (const auto& zone_node : *zones) {
                    c.output_timezones.push_back(require_zone(file, key, zone_node));
                }
            }},
    KeyRule{"output.day_change",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto time =
                    domain::parse_time_of_day(require_string(file, key, node), "day_change");
                if (!time) fail(file, node.source(), key, time.problem().message);
                c.day_change = *time;
            }},
    KeyRule{"mail.sendmail",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto command = require_string(file, key, node);
                if (text::trim(command).empty()) {
                    fail(file, node.source(), key, "must not be empty");
                }
                c.mail_sendmail = command;
            }},
    KeyRule{"mail.timeout", [](const fs::path& file, std::string_view key, const toml::node& node,
                               Config& c) { c.mail_timeout = require_timeout(file, key, node); }},
    KeyRule{"mail.smtp_url",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto url = require_string(file, key, node);
                if (url.rfind("smtp://", 0) != 0 && url.rfind("smtps://", 0) != 0) {
                    fail(file, node.source(), key,
                         "expected smtp://host:port or smtps://host:port");
                }
                if (url.find('@') != std::string::npos) {
                    fail(file, node.source(), key,
                         "put the user in mail.smtp_user and the password in mail.smtp_password "
                         "or CONVENE_SMTP_PASSWORD, not in the URL");
                }
                c.mail_smtp_url = url;
            }},
    KeyRule{"mail.smtp_user",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.mail_smtp_user = require_string(file, key, node);
            }},
    KeyRule{"mail.smtp_ca_file",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                fs::path path = require_string(file, key, node);
                if (path.empty()) fail(file, node.source(), key, "must not be empty");
                // Relative to the config file, like database.path.
                c.mail_smtp_ca_file = path.is_absolute() ? path : file.parent_path() / path;
            }},
    KeyRule{"mail.smtp_password",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                c.mail_smtp_password = require_string(file, key, node);
            }},
};

const KeyRule* find_rule(std::string_view key) {
    for (const auto& rule : k_keys) {
        if (rule.key == key) return &rule;
    }
    return nullptr;
}

void apply_table(const fs::path& file, const toml::table& table, const std::string& prefix,
                 Config& config) {
    for (const auto& [name, node] : table) {
        const std::string key =
            prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        if (const auto* rule = find_rule(key)) {
            rule->apply(file, key, node, config);
        } else if (const auto* sub = node.as_table(); sub && prefix.empty()) {
            apply_table(file, *sub, key, config);
        } else {
            fail(file, node.source(), key, "unknown key");
        }
    }
}

constexpr std::uintmax_t k_max_config_bytes = 1024 * 1024;

// Whether a config file is there; a folder on the way that cannot be searched (a
// $XDG_CONFIG_HOME without permission) is an error, not "no config".
bool present(const fs::path& file) {
    std::error_code error;
    const bool exists = fs::exists(file, error);
    if (error) {
        throw UsageError(
            fmt::format("cannot read config file {}: {}", file.string(), error.message()));
    }
    return exists;
}

std::optional<fs::path> discover(const Overrides& flags, const EnvLookup& env) {
    if (!flags.config_file.empty()) return fs::path(flags.config_file);
    if (auto from_env = env("CONVENE_CONFIG"); from_env && !from_env->empty()) {
        return fs::path(*from_env);
    }
    if (present("convene.toml")) return fs::path("convene.toml");
    fs::path xdg;
    if (auto dir = env("XDG_CONFIG_HOME"); dir && !dir->empty()) {
        xdg = *dir;
    } else if (auto home = env("HOME"); home && !home->empty()) {
        xdg = fs::path(*home) / ".config";
    }
    if (!xdg.empty() && present(xdg / "convene" / "config.toml")) {
        return xdg / "convene" / "config.toml";
    }
    return std::nullopt;
}

}  // namespace

EnvLookup process_environment() {
    return [](const char* name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name)) return std::string(value);
        return std::nullopt;
    };
}

void read_file(const fs::path& file, Config& config) {
    // Opened here, not by the parser, which words a file it cannot open as a syntax error on
    // line 0. A file that cannot be read is a bad --config, as one that is missing.
    errno = 0;
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        const int error = errno;
        throw UsageError(fmt::format("cannot read config file {}: {}", file.string(),
                                     error != 0 ? std::strerror(error) : "open failed"));
    }
    toml::table table;
    try {
        table = toml::parse(stream, file.string());
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        throw BadInputError(fmt::format("{}:{}: {}", file.string(), where.line, e.description()));
    }
    apply_table(file, table, "", config);
    config.source = file;
}

Config load(const Overrides& flags, const EnvLookup& env) {
    Config config;
    config.default_timezone = domain::system_zone_name();
    config.timezone_from_system = true;
    if (auto file = discover(flags, env)) {
        if (!present(*file)) {
            throw UsageError(fmt::format("config file {} does not exist", file->string()));
        }
        std::error_code error;
        if (fs::is_directory(*file, error)) {
            throw UsageError(fmt::format("config file {} is a directory", file->string()));
        }
        // Read whole by the TOML parser: a device (/dev/zero) or a huge file would never end.
        if (!fs::is_regular_file(*file, error)) {
            throw UsageError(fmt::format("config file {} is not a regular file", file->string()));
        }
        if (fs::file_size(*file, error) > k_max_config_bytes) {
            throw BadInputError(fmt::format("config file {} is larger than {} KiB", file->string(),
                                            k_max_config_bytes / 1024));
        }
        read_file(*file, config);
        if (!config.database_url.empty()) config.database_path = config.database_url;
    }
    if (auto db = env("CONVENE_DB"); db && !db->empty()) {
        config.database_path = *db;
        config.database_origin = "CONVENE_DB";
    }
    if (auto wait = env("CONVENE_LOCK_WAIT"); wait && !wait->empty()) {
        std::string problem;
        config.lock_wait = read_wait(*wait, problem);
        if (!problem.empty()) {
            throw UsageError(fmt::format("CONVENE_LOCK_WAIT: {}", problem),
                             "give a duration such as 30s or 2m, or 0s");
        }
    }
    if (auto tz = env("CONVENE_TZ"); tz && !tz->empty()) {
        if (auto zone = domain::find_zone(*tz); !zone) {
            throw UsageError(fmt::format("CONVENE_TZ: {}", zone.problem().message),
                             zone.problem().hint);
        }
        config.default_timezone = *tz;
        config.timezone_from_system = false;
    }
    if (!flags.database.empty()) {
        config.database_path = flags.database;
        config.database_origin = "--db";
    }
    if (auto user = env("CONVENE_SMTP_USER"); user && !user->empty()) {
        config.mail_smtp_user = *user;
    }
    if (auto password = env("CONVENE_SMTP_PASSWORD"); password && !password->empty()) {
        config.mail_smtp_password = *password;
    }
    return config;
}

// The commented starter file; init fills in the values it is given.
constexpr std::string_view k_starter = R"(# convene configuration (see convene(1)).
# Relative paths are relative to this file.

[database]
# path = "convene.db"
# A team's shared PostgreSQL instead (a password from PGPASSWORD or ~/.pgpass):
# url = "postgresql://convene@db.example.org/convene"
# How long to wait for another convene that is writing ("0s": give up at once).
# lock_wait = "10s"
# How long to wait for a PostgreSQL server that does not answer (a connect_timeout in the URL
# wins for connecting).
# timeout = "30s"

[defaults]
# Wall times given without an offset are read in this zone.
# timezone = "Europe/Paris"
# Alarms in invitations and feeds when no --reminder (export-ics) or --alarm (send) is given
# (1d, 2h, 30m, 1h30m).
# reminders = ["1d"]
# Language of new events' pages and invitations: en, fr or es.
# locale = "fr"

[organiser]
# Needed for invitations (export-ics --invitations).
# name = "Mayors Mechanism"
# email = "events@example.org"

[invitations]
# A folder of templates (invitation.fr.txt, invitation.fr.html, invitation.txt…) that replace
# the built-in invitation e-mails; see convene-templates(5).
# templates = "templates"

[mail]
# How `convene send` delivers: a sendmail-compatible command (the default), or an SMTP server
# when smtp_url is set (STARTTLS on smtp://). The password may instead come from the
# environment variable CONVENE_SMTP_PASSWORD; keep this file private if it holds one.
# sendmail = "/usr/sbin/sendmail -t -i"
# smtp_url = "smtp://mail.example.org:587"
# smtp_user = "events@example.org"
# The authorities to trust for the server's certificate instead of the system's (PEM):
# smtp_ca_file = "our-ca.pem"
# How long the sendmail command or the SMTP server may take over one message.
# timeout = "60s"

[send]
# Reminder e-mails `convene send` sends when no --reminder is given, each once the event starts
# within that time (so that one `send` from cron does everything).
# reminders = ["1d", "1h"]

[output]
# table, tsv, csv, json or jsonl; default: table on a terminal, tsv otherwise.
# format = "tsv"
# Extra zones that `show` prints times in.
# timezones = ["UTC", "America/New_York"]
# When a programme's day ends, local time: a session after midnight and before this belongs
# to the evening before (export-schedule and `show` of an event with sessions).
# day_change = "04:00"
)";

namespace {

// `key = "value"`, quoted and escaped by toml++.
std::string toml_line(std::string_view key, const std::string& value) {
    std::ostringstream line;
    line << toml::table{{key, value}};
    return line.str();
}

void fill_in(std::string& file, std::string_view commented, const std::string& line) {
    const auto at = file.find(commented);
    if (at != std::string::npos) file.replace(at, commented.size(), line);
}

}  // namespace

domain::Checked<std::string> starter_file(const StarterValues& values) {
    if (!values.organiser_email.empty()) {
        if (auto address = split_organiser_email(values.organiser_email);
            !address.problem.empty()) {
            return domain::Problem{
                .field = "organiser.email", .message = std::move(address.problem), .hint = {}};
        }
    }
    std::string file(k_starter);
    if (!values.organiser_name.empty()) {
        fill_in(file, "# name = \"Mayors Mechanism\"", toml_line("name", values.organiser_name));
    }
    if (!values.organiser_email.empty()) {
        fill_in(file, "# email = \"events@example.org\"",
                toml_line("email", values.organiser_email));
    }
    return file;
}

}  // namespace convene::config
