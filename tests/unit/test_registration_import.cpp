#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "convene/app/registrar.hpp"
#include "convene/app/registration_import.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/store/registration_store.hpp"
#include "testing.hpp"

using namespace convene;
using app::ImportFormat;
using app::OnDuplicate;
using app::Registrar;
using domain::RegistrationStatus;
using testing::k_now;
using testing::TempFile;

TEST_CASE("import stops at the first bad row, naming file and line", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = testing::stored(db, testing::an_event("briefing"));
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    // A note over two lines: the error names the line where the record starts.
    TempFile file(
        "name,email,language,note\nAna,ana@x.org,fr,\n"
        "Bob,bob@x.org,de,\"two\nlines\"\n");
    io::InputFile input(file.path.string());
    const auto imported = app::import_registrations(input, {}, event, registrar, {});
    REQUIRE(imported.refusal);
    const auto& refusal = *imported.refusal;
    CHECK(refusal.first.cause == app::ImportCause::content);
    CHECK(refusal.first.what ==
          file.path.string() + ":3: language 'de' is not one of the event's languages (en, fr)");
    CHECK(refusal.counted);
    CHECK(refusal.valid == 1);
    CHECK(refusal.bad == 1);
}

TEST_CASE("import refuses a header without an email column, for the caller to word",
          "[registration_import]") {
    store::Database db(":memory:");
    const auto event = testing::stored(db, testing::an_event("briefing"));
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file("Nom;Courriel électronique\nAna;ana@x.org\n");
    io::InputFile input(file.path.string());
    const auto imported = app::import_registrations(input, {}, event, registrar, {});
    REQUIRE(imported.refusal);
    CHECK(imported.refusal->at_header);
    CHECK(imported.refusal->first.cause == app::ImportCause::missing_column);
    CHECK(imported.refusal->missing_field == "email");
    CHECK(imported.refusal->first_column == "Nom");
    CHECK(imported.refusal->columns == 2);
}

TEST_CASE("import with skip_invalid reports each bad row and counts", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = testing::stored(db, testing::an_event("briefing", 2));
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file(
        "name,email,diet\nAna,ana@x.org,vegan\n,nobody@x.org,\nBob,bob@x.org\n"
        "Cy,cy@x.org,\nAna again,ANA@x.org,\nDi,di@x.org,\n");
    io::InputFile input(file.path.string());
    std::vector<std::string> bad;
    const auto imported = app::import_registrations(
        input, {.skip_invalid = true}, event, registrar,
        {.bad_row = [&](const std::string& what) { bad.push_back(what); }, .progress = {}});
    CHECK_FALSE(imported.refusal);
    const auto& summary = imported.summary;
    CHECK(summary.rows == 5);
    CHECK(summary.added == 3);
    CHECK(summary.waitlisted == 1);
    CHECK(summary.invalid == 3);
    REQUIRE(bad.size() == 3);
    CHECK(bad[0] == file.path.string() + ":3: the name is empty");
    CHECK(bad[1] == file.path.string() + ":4: expected 3 fields as in the header, found 2");
    // The earlier row is named by its line, not by an id.
    CHECK(bad[2] == file.path.string() +
                        ":6: ANA@x.org is already registered for briefing (line 2 of this file)");
    CHECK(store.find_by_email(event.id, "ana@x.org")->fields ==
          std::vector<std::pair<std::string, std::string>>{{"diet", "vegan"}});
}

TEST_CASE("import of JSON Lines", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = testing::stored(db, testing::an_event("briefing"));
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file(
        "{\"name\":\"Ana\",\"email\":\"ana@x.org\",\"language\":\"FR\"}\n\n"
        "{\"name\":\"Bob\",\"email\":\"bob@x.org\",\"status\":\"cancelled\"}\n");
    io::InputFile input(file.path.string());
    const auto imported =
        app::import_registrations(input, {.format = ImportFormat::jsonl}, event, registrar, {});
    CHECK(imported.summary.added == 2);
    CHECK(store.find_by_email(event.id, "ana@x.org")->language == "fr");
    CHECK(store.find_by_email(event.id, "bob@x.org")->status == RegistrationStatus::cancelled);
}
