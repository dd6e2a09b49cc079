#pragma once
// Configuration (SPEC §3): where it is found, and flag > environment > file > default.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "convene/domain/problem.hpp"

namespace convene::config {

struct Config {
    std::filesystem::path source;  // the file read, empty when none was found
    // A SQLite file, or a postgresql:// URL (database.url, or one given to --db, CONVENE_DB).
    std::filesystem::path database_path{"convene.db"};
    std::string database_url;  // database.url as the file gave it
    // How long a command waits for another convene that is writing before it gives up.
    std::chrono::seconds lock_wait{10};
    // How long a PostgreSQL server may take to answer one statement (and to connect, unless
    // the URL gives connect_timeout) before the command gives up (database.timeout).
    std::chrono::seconds database_timeout{30};
    std::string default_timezone;      // IANA name
    std::string default_locale{"en"};  // a supported locale (domain::supported_locales)
    std::string organiser_name;
    std::string organiser_email;
    std::string output_format;  // empty: table on a terminal, tsv otherwise
    std::vector<std::string> output_timezones;
    // output.day_change: when a programme's day ends and the next begins, local time, for
    // export-schedule (unless --day-change) and the day headings of `show PARENT`.
    std::chrono::seconds day_change{std::chrono::hours{4}};
    // defaults.reminders: the alarms of invitations and feeds when no --reminder is given.
    std::vector<std::chrono::seconds> default_reminders;
    // send.reminders: the reminder e-mails `send` sends once due when no --reminder is given,
    // so that one `send` from cron does everything.
    std::vector<std::chrono::seconds> send_reminders;
    // Where database_path came from ("--db", "CONVENE_DB", "database.path in FILE",
    // "database.url in FILE"); empty for
    // the default, ./convene.db, which a person may not guess.
    std::string database_origin;
    // True when no flag, variable or file chose the zone: it is the system's (else UTC).
    bool timezone_from_system{false};
    // How `send` hands messages to the mail system: an SMTP server when smtp_url is set,
    // else a sendmail-compatible command. The password may also come from the environment
    // (CONVENE_SMTP_PASSWORD), never from the command line.
    std::string mail_sendmail{"/usr/sbin/sendmail -t -i"};
    std::string mail_smtp_url;
    std::string mail_smtp_user;
    std::string mail_smtp_password;
    std::filesystem::path mail_smtp_ca_file;  // empty: the system's certificate authorities
    // How long the sendmail command or the SMTP server may take over one message (mail.timeout).
    std::chrono::seconds mail_timeout{60};
    // Where invitation.LANG.txt / .html templates override the built-in ones; empty: none.
    std::filesystem::path templates_dir;
};

// What the command line said; empty means "not given".
struct Overrides {
    std::string config_file;
    std::string database;
};

// Looks up an environment variable; injectable so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
EnvLookup process_environment();

// Finds and reads the config file, then applies the environment and the flags.
// A malformed file, an unknown key or a wrong type is a BadInputError naming file:line:key.
Config load(const Overrides& flags, const EnvLookup& env);

// Reads one TOML config file on top of `config` (exposed for tests).
void read_file(const std::filesystem::path& file, Config& config);

// What `convene init` may fill in rather than leave commented out.
struct StarterValues {
    std::string organiser_name;
    std::string organiser_email;
};

// The commented starter file `convene init` writes, or the problem (field "organiser.email")
// with an organiser e-mail that is not an address.
domain::Checked<std::string> starter_file(const StarterValues& values = {});

}  // namespace convene::config
