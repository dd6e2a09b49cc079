#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "convene/app/registrar.hpp"
#include "convene/app/registration_import.hpp"
#include "convene/domain/time.hpp"
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

namespace {

// A Zoom registration report (tests/fixtures/platforms/zoom-registration.csv, shortened).
constexpr const char* k_zoom_report =
    "First Name,Last Name,Email,Organization,Registration Time,Approval Status\n"
    "Léa,Dupont,lea@x.org,Lyon,04/01/2022 10:02:11 AM,approved\n"
    "Zoë,O'Brien,zoe@x.org,,04/02/2022 08:15:42 AM,denied\n"
    "Íñigo,Martínez,inigo@x.org,,04/04/2022 09:05:58 AM,pending\n";

}  // namespace

TEST_CASE("import reads a platform's export by its header", "[registration_import]") {
    store::Database db(":memory:");
    auto wanted = testing::an_event("briefing");
    wanted.timezone = "Europe/Paris";
    const auto event = testing::stored(db, wanted);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file(k_zoom_report);
    io::InputFile input(file.path.string());
    std::vector<std::string> notes;
    std::vector<std::string> decisions;
    app::ImportReport report;
    report.note = [&](const std::string& what) { notes.push_back(what); };
    report.decision = [&](const std::string& what) { decisions.push_back(what); };
    const auto imported = app::import_registrations(input, {}, event, registrar, report);
    REQUIRE_FALSE(imported.refusal);
    CHECK(notes.front() == file.path.string() + ": read as a Zoom registration report");
    CHECK(imported.summary.rows == 3);
    CHECK(imported.summary.added == 2);
    CHECK(imported.summary.cancelled == 1);
    CHECK(imported.summary.not_imported == 1);
    CHECK(decisions == std::vector<std::string>{file.path.string() + ":3: zoe@x.org: cancelled",
                                                file.path.string() + ":4: inigo@x.org: skipped"});
    const auto zoe = store.find_by_email(event.id, "zoe@x.org");
    REQUIRE(zoe);
    CHECK(zoe->name == "Zoë O'Brien");
    CHECK(zoe->status == RegistrationStatus::cancelled);
    CHECK(domain::format_utc(zoe->registered_at) == "2022-04-02T06:15:42Z");
    CHECK_FALSE(store.find_by_email(event.id, "inigo@x.org"));
}

TEST_CASE("import reads a file as no platform when told", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = testing::stored(db, testing::an_event("briefing"));
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file(k_zoom_report);
    io::InputFile input(file.path.string());
    const app::ImportOptions generic{.platform = {.recognise = false}};
    const auto imported = app::import_registrations(input, generic, event, registrar, {});
    REQUIRE_FALSE(imported.refusal);
    // Every row comes in, its status a custom field.
    CHECK(imported.summary.added == 3);
    CHECK(imported.summary.not_imported == 0);
    CHECK(store.find_by_email(event.id, "zoe@x.org")->status == RegistrationStatus::registered);
}
