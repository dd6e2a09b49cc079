#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/export/invitation_letter.hpp"
#include "convene/io/template_file.hpp"
#include "testing.hpp"

using namespace convene;

TEST_CASE("an invitation template for the language, else for every language", "[templates]") {
    testing::TempFolder dir;
    CHECK_FALSE(io::read_invitation_template({}, "fr", "txt"));
    CHECK_FALSE(io::read_invitation_template(dir.path, "fr", "txt"));
    dir.write("invitation.txt", "{{greeting}}\n");
    dir.write("invitation.fr.txt", "{{greeting}} (fr)\n");
    const auto french = io::read_invitation_template(dir.path, "fr", "txt");
    REQUIRE(french);
    CHECK(french->source == "{{greeting}} (fr)\n");
    CHECK(french->name == (dir.path / "invitation.fr.txt").string());
    const auto spanish = io::read_invitation_template(dir.path, "es", "txt");
    REQUIRE(spanish);
    CHECK(spanish->source == "{{greeting}}\n");
    CHECK_FALSE(io::read_invitation_template(dir.path, "es", "html"));
    dir.write("invitation.html", std::string(domain::k_max_event_file_bytes + 1, 'x'));
    CHECK_THROWS_AS(io::read_invitation_template(dir.path, "es", "html"), BadInputError);
}

TEST_CASE("a template may name only the documented placeholders", "[templates]") {
    const auto builtin = mail::builtin_templates();
    CHECK_NOTHROW(mail::check_template(builtin.text, "invitation.txt"));
    CHECK_NOTHROW(mail::check_template(builtin.html, "invitation.html"));
    CHECK_NOTHROW(mail::check_template("{{greeting}} {{name}} {{lang}}", "t.txt"));
    try {
        mail::check_template("Hello\n{{greeting}}\n{{nom}}\n", "t.txt");
        FAIL("no error");
    } catch (const BadInputError& e) {
        CHECK(std::string(e.what()) == "t.txt:3: unknown placeholder {{nom}}");
    }
}

TEST_CASE("a template folder that is missing is an error, not the built-in text", "[templates]") {
    testing::TempFolder dir;
    try {
        io::read_invitation_template(dir.path / "nowhere", "fr", "txt");
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("invitations.templates: the folder") == 0);
        CHECK(std::string(e.what()).find("does not exist") != std::string::npos);
    }
    dir.write("file", "x");
    CHECK_THROWS_AS(io::read_invitation_template(dir.path / "file", "fr", "txt"), UsageError);
}

TEST_CASE("only regular UTF-8 files are read as templates", "[templates]") {
    testing::TempFolder dir;
    const auto message = [&](std::string_view locale) {
        try {
            io::read_invitation_template(dir.path, locale, "txt");
        } catch (const BadInputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    // A FIFO would block a reader for ever: it is refused without being opened for long.
    REQUIRE(::mkfifo((dir.path / "invitation.fr.txt").c_str(), 0600) == 0);
    CHECK(message("fr") == (dir.path / "invitation.fr.txt").string() + ": is not a regular file");
    // A dangling link is a mistake, not a missing template.
    std::filesystem::create_symlink(dir.path / "gone.txt", dir.path / "invitation.es.txt");
    CHECK(message("es").find("invitation.es.txt: cannot be read") != std::string::npos);
    std::filesystem::create_directory(dir.path / "invitation.en.txt");
    CHECK(message("en") == (dir.path / "invitation.en.txt").string() + ": is a directory");
    dir.write("invitation.txt", "Bonjour {{name}},\n\xe9t\xe9\n");
    CHECK(message("de") == (dir.path / "invitation.txt").string() + ": not valid UTF-8 (byte 19)");
}
