#include <catch2/catch.hpp>

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
