#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "convene/config/config.hpp"
#include "convene/error.hpp"
#include "testing.hpp"

using namespace convene;
namespace fs = std::filesystem;

namespace {

config::EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars](const char* name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

std::string error_of(const fs::path& file) {
    config::Config c;
    return testing::error_message<BadInputError>([&] { config::read_file(file, c); });
}

}  // namespace

TEST_CASE("a full config file is read", "[config]") {
    testing::TempFolder dir;
    auto file = dir.write("project/convene.toml", R"(
[database]
path = "data/events.db"
[defaults]
timezone = "Europe/Paris"
[organiser]
name = "Mayors Mechanism"
email = "events@example.org"
[output]
format = "json"
timezones = ["UTC", "America/New_York"]
day_change = "06:30"
)");
    config::Config c;
    config::read_file(file, c);
    CHECK(c.database_path == dir.path / "project" / "data" / "events.db");
    CHECK(c.default_timezone == "Europe/Paris");
    CHECK(c.organiser_name == "Mayors Mechanism");
    CHECK(c.organiser_email == "events@example.org");
    CHECK(c.output_format == "json");
    CHECK(c.output_timezones == std::vector<std::string>{"UTC", "America/New_York"});
    CHECK(c.day_change == std::chrono::minutes{6 * 60 + 30});
    CHECK(c.source == file);
}

TEST_CASE("config errors name file, line and key", "[config]") {
    testing::TempFolder dir;
    CHECK(error_of(dir.write("a.toml", "[defaults]\ntimezone = 3\n")) ==
          (dir.path / "a.toml").string() + ":2: defaults.timezone: expected a string");
    CHECK(error_of(dir.write("b.toml", "[database]\n\npathh = \"x\"\n")) ==
          (dir.path / "b.toml").string() + ":3: database.pathh: unknown key");
    CHECK(error_of(dir.write("c.toml", "colour = \"red\"\n")) ==
          (dir.path / "c.toml").string() + ":1: colour: unknown key");
    CHECK(error_of(dir.write("d.toml", "[defaults]\ntimezone = \"Mars/Olympus\"\n"))
              .find(":2: defaults.timezone: unknown time zone 'Mars/Olympus'") !=
          std::string::npos);
    CHECK(error_of(dir.write("e.toml", "[output]\nformat = \"xml\"\n"))
              .find(":2: output.format: unknown output format 'xml'") != std::string::npos);
    CHECK(error_of(dir.write("f.toml", "[output]\ntimezones = \"UTC\"\n"))
              .find(":2: output.timezones: expected an array") != std::string::npos);
    CHECK(error_of(dir.write("h.toml", "[output]\nday_change = \"25:00\"\n"))
              .find(":2: output.day_change: ") != std::string::npos);
    // Broken TOML syntax: the parser's own message with the line.
    CHECK(
        error_of(dir.write("g.toml", "[database\n")).find((dir.path / "g.toml").string() + ":1:") ==
        0);
}

TEST_CASE("discovery: flag, then CONVENE_CONFIG, then ./convene.toml, then XDG", "[config]") {
    testing::TempFolder dir;
    auto flag_file = dir.write("flag.toml", "[defaults]\ntimezone = \"Asia/Tokyo\"\n");
    auto env_file = dir.write("env.toml", "[defaults]\ntimezone = \"America/Lima\"\n");
    dir.write("xdg/convene/config.toml", "[defaults]\ntimezone = \"Africa/Dakar\"\n");
    const auto previous = fs::current_path();
    fs::current_path(dir.path);  // no ./convene.toml here

    auto xdg = env_of({{"XDG_CONFIG_HOME", (dir.path / "xdg").string()}});
    CHECK(config::load({}, xdg).default_timezone == "Africa/Dakar");

    auto env = env_of(
        {{"XDG_CONFIG_HOME", (dir.path / "xdg").string()}, {"CONVENE_CONFIG", env_file.string()}});
    CHECK(config::load({}, env).default_timezone == "America/Lima");
    CHECK(config::load({flag_file.string(), ""}, env).default_timezone == "Asia/Tokyo");

    dir.write("convene.toml", "[defaults]\ntimezone = \"Europe/Lisbon\"\n");
    CHECK(config::load({}, xdg).default_timezone == "Europe/Lisbon");
    fs::current_path(previous);
}

TEST_CASE("precedence for the database: flag > environment > file > default", "[config]") {
    testing::TempFolder dir;
    auto file = dir.write("c.toml", "[database]\npath = \"from-file.db\"\n");
    auto none = env_of({{"HOME", dir.path.string()}});
    const auto previous = fs::current_path();
    fs::current_path(dir.path);
    CHECK(config::load({}, none).database_path == "convene.db");
    CHECK(config::load({file.string(), ""}, none).database_path == dir.path / "from-file.db");
    auto with_env = env_of({{"CONVENE_DB", "from-env.db"}});
    CHECK(config::load({file.string(), ""}, with_env).database_path == "from-env.db");
    CHECK(config::load({file.string(), "from-flag.db"}, with_env).database_path == "from-flag.db");
    fs::current_path(previous);
}

TEST_CASE("CONVENE_TZ overrides the file, and a missing --config file is an error", "[config]") {
    testing::TempFolder dir;
    auto file = dir.write("c.toml", "[defaults]\ntimezone = \"Asia/Tokyo\"\n");
    CHECK(config::load({file.string(), ""}, env_of({{"CONVENE_TZ", "UTC"}})).default_timezone ==
          "UTC");
    CHECK_THROWS_AS(config::load({file.string(), ""}, env_of({{"CONVENE_TZ", "Nowhere/Zone"}})),
                    UsageError);
    CHECK_THROWS_AS(config::load({(dir.path / "missing.toml").string(), ""}, env_of({})),
                    UsageError);
}

TEST_CASE("the starter file is a valid config", "[config]") {
    testing::TempFolder dir;
    auto file = dir.write("starter.toml", *config::starter_file());
    config::Config c;
    CHECK_NOTHROW(config::read_file(file, c));
}

TEST_CASE("mail keys: sendmail by default, an SMTP URL without secrets, password from env",
          "[config]") {
    testing::TempFolder dir;
    CHECK(config::load({}, env_of({})).mail_sendmail == "/usr/sbin/sendmail -t -i");
    auto file = dir.write("m.toml",
                          "[mail]\nsendmail = \"msmtp -t\"\nsmtp_url = \"smtp://127.0.0.1:2525\"\n"
                          "smtp_user = \"events\"\nsmtp_password = \"from-file\"\n");
    auto c = config::load({file.string(), ""}, env_of({}));
    CHECK(c.mail_sendmail == "msmtp -t");
    CHECK(c.mail_smtp_url == "smtp://127.0.0.1:2525");
    CHECK(c.mail_smtp_user == "events");
    CHECK(c.mail_smtp_password == "from-file");
    c = config::load({file.string(), ""},
                     env_of({{"CONVENE_SMTP_USER", "env-user"}, {"CONVENE_SMTP_PASSWORD", "pw"}}));
    CHECK(c.mail_smtp_user == "env-user");
    CHECK(c.mail_smtp_password == "pw");
    CHECK(error_of(dir.write("u.toml", "[mail]\nsmtp_url = \"smtp://u:p@host:587\"\n"))
              .find(":2: mail.smtp_url: put the user in mail.smtp_user") != std::string::npos);
    CHECK(error_of(dir.write("h.toml", "[mail]\nsmtp_url = \"http://host\"\n"))
              .find(":2: mail.smtp_url: expected smtp://") != std::string::npos);
    CHECK(error_of(dir.write("s.toml", "[mail]\nsendmail = \" \"\n"))
              .find(":2: mail.sendmail: must not be empty") != std::string::npos);
}

TEST_CASE("defaults.reminders: durations, each checked by the one duration rule", "[config]") {
    testing::TempFolder dir;
    CHECK(config::load({}, env_of({})).default_reminders.empty());
    auto file = dir.write("r.toml", "[defaults]\nreminders = [\"1d\", \"1h30m\"]\n");
    CHECK(config::load({file.string(), ""}, env_of({})).default_reminders ==
          std::vector<std::chrono::seconds>{std::chrono::hours{24}, std::chrono::minutes{90}});
    CHECK(error_of(dir.write("n.toml", "[defaults]\nreminders = \"1d\"\n"))
              .find(":2: defaults.reminders: expected an array of durations") != std::string::npos);
    CHECK(error_of(dir.write("b.toml", "[defaults]\nreminders = [\"soon\"]\n"))
              .find(":2: defaults.reminders: ") != std::string::npos);
}

TEST_CASE("send.reminders: the reminder e-mails, apart from the alarms", "[config]") {
    testing::TempFolder dir;
    CHECK(config::load({}, env_of({})).send_reminders.empty());
    auto file = dir.write("s.toml", "[send]\nreminders = [\"1d\", \"1h\"]\n");
    const auto config = config::load({file.string(), ""}, env_of({}));
    CHECK(config.send_reminders ==
          std::vector<std::chrono::seconds>{std::chrono::hours{24}, std::chrono::hours{1}});
    CHECK(config.default_reminders.empty());
    CHECK(error_of(dir.write("b.toml", "[send]\nreminders = [\"soon\"]\n"))
              .find(":2: send.reminders: ") != std::string::npos);
}

TEST_CASE("organiser.email is one address: no line break, a name in angle brackets split off",
          "[config]") {
    testing::TempFolder dir;
    // A CR/LF would reach the SMTP dialogue raw (an injected RCPT TO).
    const auto injected = dir.write("a.toml",
                                    "[organiser]\nemail = \"events@example.org\\r\\nRCPT "
                                    "TO:<victim@example.org>\"\n");
    CHECK(error_of(injected).find("a.toml:2: organiser.email: not an e-mail address") !=
          std::string::npos);
    config::Config named;
    config::read_file(
        dir.write("b.toml", "[organiser]\nemail = \"Events Team <events@example.org>\"\n"), named);
    CHECK(named.organiser_email == "events@example.org");
    CHECK(named.organiser_name == "Events Team");
    // organiser.name, when given, is the name.
    config::Config both;
    config::read_file(dir.write("c.toml",
                                "[organiser]\nname = \"Mayors Mechanism\"\n"
                                "email = \"\\\"Events\\\" <events@example.org>\"\n"),
                      both);
    CHECK(both.organiser_email == "events@example.org");
    CHECK(both.organiser_name == "Mayors Mechanism");
    CHECK(error_of(dir.write("d.toml", "[organiser]\nemail = \"Events <events@example.org\"\n"))
              .find("\"Name <address>\"") != std::string::npos);
    CHECK(error_of(dir.write("e.toml", "[organiser]\nemail = \"a <b@example.org> <c@x.org>\"\n"))
              .find("organiser.email") != std::string::npos);
    const auto refused = config::starter_file({"N", "events@example.org\nBcc: x@example.org"});
    REQUIRE_FALSE(refused);
    CHECK(refused.problem().field == "organiser.email");
}

TEST_CASE("mail.timeout and database.timeout: durations of at least a second", "[config]") {
    testing::TempFolder dir;
    config::Config defaults;
    CHECK(defaults.mail_timeout == std::chrono::seconds{60});
    CHECK(defaults.database_timeout == std::chrono::seconds{30});
    config::Config set;
    config::read_file(
        dir.write("a.toml", "[mail]\ntimeout = \"5s\"\n[database]\ntimeout = \"2m\"\n"), set);
    CHECK(set.mail_timeout == std::chrono::seconds{5});
    CHECK(set.database_timeout == std::chrono::seconds{120});
    CHECK(error_of(dir.write("b.toml", "[mail]\ntimeout = \"0s\"\n")) ==
          (dir.path / "b.toml").string() + ":2: mail.timeout: must be at least 1s");
    CHECK(error_of(dir.write("c.toml", "[database]\ntimeout = \"soon\"\n"))
              .find("database.timeout") != std::string::npos);
}
