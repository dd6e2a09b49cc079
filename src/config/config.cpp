#include "convene/config/config.hpp"

#include <array>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/l10n/locale.hpp"

namespace convene::config {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& file, const toml::source_region& where,
                       std::string_view key, std::string_view what) {
    throw BadInputError(fmt::format("{}:{}: {}: {}", file.string(), where.begin.line, key, what));
}

std::string require_string(const fs::path& file, std::string_view key, const toml::node& node) {
    if (const auto* value = node.as_string()) return value->get();
    fail(file, node.source(), key, "expected a string");
}

// One entry per key the file may hold; anything else is rejected (ccache's key table).
struct KeyRule {
    std::string_view key;
    void (*apply)(const fs::path& file, std::string_view key, const toml::node&, Config&);
};

constexpr std::array k_keys{
    KeyRule{"database.path",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                fs::path path = require_string(file, key, node);
                if (path.empty()) fail(file, node.source(), key, "must not be empty");
                // Relative to the config file, so a project folder can carry its own database.
                c.database_path = path.is_absolute() || path == ":memory:"
                                      ? path
                                      : file.parent_path() / path;
            }},
    KeyRule{"defaults.timezone",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto zone = require_string(file, key, node);
                try {
                    domain::find_zone(zone);
                } catch (const UsageError& e) {
                    fail(file, node.source(), key, e.what());
                }
                c.default_timezone = zone;
            }},
    KeyRule{"defaults.locale",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                const auto tag = require_string(file, key, node);
                c.default_locale = l10n::supported_locale(tag);
                if (c.default_locale.empty()) {
                    fail(file, node.source(), key,
                         "convene does not write in '" + tag + "' (en, fr or es)");
                }
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
    KeyRule{"organiser.email",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto email = require_string(file, key, node);
                if (email.find('@') == std::string::npos) {
                    fail(file, node.source(), key, "not an e-mail address");
                }
                c.organiser_email = email;
            }},
    KeyRule{"output.format",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                auto format = require_string(file, key, node);
                constexpr std::array k_formats{"table", "tsv", "csv", "json", "jsonl"};
                bool known = false;
                for (std::string_view f : k_formats) known = known || f == format;
                if (!known) {
                    fail(file, node.source(), key,
                         "unknown format '" + format + "' (table, tsv, csv, json or jsonl)");
                }
                c.output_format = format;
            }},
    KeyRule{"output.timezones",
            [](const fs::path& file, std::string_view key, const toml::node& node, Config& c) {
                const auto* zones = node.as_array();
                if (!zones) fail(file, node.source(), key, "expected an array of zone names");
                c.output_timezones.clear();
                for (const auto& zone_node : *zones) {
                    auto zone = require_string(file, key, zone_node);
                    try {
                        domain::find_zone(zone);
                    } catch (const UsageError& e) {
                        fail(file, zone_node.source(), key, e.what());
                    }
                    c.output_timezones.push_back(zone);
                }
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
        const std::string key = prefix.empty() ? std::string(name.str())
                                               : prefix + "." + std::string(name.str());
        if (const auto* rule = find_rule(key)) {
            rule->apply(file, key, node, config);
        } else if (const auto* sub = node.as_table(); sub && prefix.empty()) {
            apply_table(file, *sub, key, config);
        } else {
            fail(file, node.source(), key, "unknown key");
        }
    }
}

std::optional<fs::path> discover(const Overrides& flags, const EnvLookup& env) {
    if (!flags.config_file.empty()) return fs::path(flags.config_file);
    if (auto from_env = env("CONVENE_CONFIG"); from_env && !from_env->empty()) {
        return fs::path(*from_env);
    }
    if (fs::exists("convene.toml")) return fs::path("convene.toml");
    fs::path xdg;
    if (auto dir = env("XDG_CONFIG_HOME"); dir && !dir->empty()) {
        xdg = *dir;
    } else if (auto home = env("HOME"); home && !home->empty()) {
        xdg = fs::path(*home) / ".config";
    }
    if (!xdg.empty() && fs::exists(xdg / "convene" / "config.toml")) {
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
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        if (!fs::exists(file)) {
            throw UsageError(fmt::format("cannot read config file {}", file.string()));
        }
        throw BadInputError(
            fmt::format("{}:{}: {}", file.string(), where.line, e.description()));
    }
    apply_table(file, table, "", config);
    config.source = file;
}

Config load(const Overrides& flags, const EnvLookup& env) {
    Config config;
    config.default_timezone = domain::system_zone_name();
    if (auto file = discover(flags, env)) {
        if (!fs::exists(*file)) {
            throw UsageError(fmt::format("config file {} does not exist", file->string()));
        }
        read_file(*file, config);
    }
    if (auto db = env("CONVENE_DB"); db && !db->empty()) config.database_path = *db;
    if (auto tz = env("CONVENE_TZ"); tz && !tz->empty()) {
        domain::find_zone(*tz);
        config.default_timezone = *tz;
    }
    if (!flags.database.empty()) config.database_path = flags.database;
    return config;
}

std::string starter_file() {
    return R"(# convene configuration (see convene(1)).
# Relative paths are relative to this file.

[database]
# path = "convene.db"

[defaults]
# Wall times given without an offset are read in this zone.
# timezone = "Europe/Paris"
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

[output]
# table, tsv, csv, json or jsonl; default: table on a terminal, tsv otherwise.
# format = "tsv"
# Extra zones that `show` prints times in.
# timezones = ["UTC", "America/New_York"]
)";
}

}  // namespace convene::config
