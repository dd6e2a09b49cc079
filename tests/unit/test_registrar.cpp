#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "convene/cli/registrar.hpp"
#include "convene/cli/registration_import.hpp"
#include "convene/error.hpp"
#include "convene/store/event_store.hpp"

using namespace convene;
using cli::ImportFormat;
using cli::OnDuplicate;
using cli::Outcome;
using cli::Registrar;
using domain::RegistrationStatus;

namespace {

const domain::Instant k_now{std::chrono::seconds{1'700'000'000}};

domain::Event make_event(store::Database& db, std::optional<std::int64_t> capacity) {
    domain::Event event;
    event.slug = "briefing";
    event.uid = "briefing@test";
    event.title = "Briefing";
    event.timezone = "UTC";
    event.start = k_now;
    event.end = k_now + std::chrono::hours(1);
    event.capacity = capacity;
    event.languages = {"en", "fr"};
    event.id = store::EventStore(db).insert(event);
    return event;
}

domain::RegistrationRequest request(std::string email) {
    domain::RegistrationRequest r;
    r.name = "Person";
    r.email = std::move(email);
    return r;
}

// A file in the temporary folder, removed with the test.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& content) {
        path = std::filesystem::temp_directory_path() /
               ("convene-test-" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".csv");
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("registrar seats people up to the capacity, then waitlists", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 2);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK(registrar.add(request("a@x.org")).registration.status == RegistrationStatus::registered);
    CHECK(registrar.add(request("b@x.org")).registration.status == RegistrationStatus::registered);
    const auto c = registrar.add(request("c@x.org"));
    CHECK(c.registration.status == RegistrationStatus::waitlisted);
    CHECK(c.waitlist_position == 1);
    CHECK(registrar.add(request("d@x.org")).waitlist_position == 2);

    Registrar strict(store, event, k_now, OnDuplicate::error, true);
    CHECK_THROWS_AS(strict.add(request("e@x.org")), ConflictError);
}

TEST_CASE("registrar handles duplicates per policy", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, std::nullopt);
    store::RegistrationStore store(db);
    const auto id = Registrar(store, event, k_now, OnDuplicate::error, false)
                        .add(request("ana@x.org")).registration.id;
    Registrar strict(store, event, k_now, OnDuplicate::error, false);
    CHECK_THROWS_AS(strict.add(request("ANA@x.org")), ConflictError);
    const auto skipped =
        Registrar(store, event, k_now, OnDuplicate::skip, false).add(request("Ana@x.org"));
    CHECK(skipped.kind == Outcome::Kind::skipped);
    CHECK(skipped.registration.id == id);
    auto renamed = request("ana@x.org");
    renamed.name = "Ana Silva";
    const auto updated = Registrar(store, event, k_now, OnDuplicate::update, false).add(renamed);
    CHECK(updated.kind == Outcome::Kind::updated);
    CHECK(store.find_by_id(event.id, id)->name == "Ana Silva");
}

TEST_CASE("registrar: unregistering promotes the head of the waiting list", "[registrar]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    const auto a = registrar.add(request("a@x.org")).registration;
    const auto b = registrar.add(request("b@x.org")).registration;
    registrar.add(request("c@x.org"));
    const auto promoted = registrar.cancel(a);
    REQUIRE(promoted.size() == 1);
    CHECK(promoted.front().id == b.id);
    CHECK(store.find_by_id(event.id, a.id)->status == RegistrationStatus::cancelled);
    CHECK(store.find_by_id(event.id, b.id)->status == RegistrationStatus::registered);
    CHECK(registrar.cancel(*store.find_by_id(event.id, a.id)).empty());  // already cancelled

    // A cancelled person who registers again gets the same record, at the back of the queue.
    const auto again = registrar.add(request("A@x.org"));
    CHECK(again.registration.id == a.id);
    CHECK(again.registration.status == RegistrationStatus::waitlisted);
}

TEST_CASE("registrar: a raised capacity promotes in order; a newcomer queues behind",
          "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    {
        Registrar registrar(store, event, k_now, OnDuplicate::error, false);
        for (const auto* email : {"a@x.org", "b@x.org", "c@x.org", "d@x.org"}) {
            registrar.add(request(email));
        }
    }
    event.capacity = 3;
    Registrar raised(store, event, k_now, OnDuplicate::error, false);
    const auto promoted = raised.promote();
    REQUIRE(promoted.size() == 2);
    CHECK(promoted[0].email == "b@x.org");
    CHECK(promoted[1].email == "c@x.org");
    CHECK(raised.promote().empty());
    CHECK(raised.add(request("e@x.org")).waitlist_position == 2);
}

TEST_CASE("registrar: free seats go to the waiting list before a newcomer", "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, 1);
    store::RegistrationStore store(db);
    {
        Registrar registrar(store, event, k_now, OnDuplicate::error, false);
        registrar.add(request("a@x.org"));
        registrar.add(request("b@x.org"));
    }
    // Seats freed without anyone moving up (as an older convene left a raised capacity).
    event.capacity = 2;
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    const auto c = registrar.add(request("c@x.org"));
    REQUIRE(c.promoted.size() == 1);
    CHECK(c.promoted.front().email == "b@x.org");
    CHECK(c.registration.status == RegistrationStatus::waitlisted);
    CHECK(c.waitlist_position == 1);
}

TEST_CASE("registrar refuses a cancelled event", "[registrar]") {
    store::Database db(":memory:");
    auto event = make_event(db, std::nullopt);
    event.status = domain::EventStatus::cancelled;
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    CHECK_THROWS_AS(registrar.add(request("a@x.org")), ConflictError);
}

TEST_CASE("import stops at the first bad row, naming file and line", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = make_event(db, std::nullopt);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file("name,email,language\nAna,ana@x.org,fr\n\"Bob\nBobson\",bob@x.org,de\n");
    io::InputFile input(file.path.string());
    try {
        cli::import_registrations(input, {}, event, registrar, {});
        FAIL("no error");
    } catch (const BadInputError& error) {
        CHECK(std::string(error.what()) ==
              file.path.string() +
                  ":3: language 'de' is not one of the event's languages (en, fr)");
    }
}

TEST_CASE("import with skip_invalid reports each bad row and counts", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = make_event(db, 2);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file("name,email,diet\nAna,ana@x.org,vegan\n,nobody@x.org,\nBob,bob@x.org\n"
                  "Cy,cy@x.org,\nAna again,ANA@x.org,\nDi,di@x.org,\n");
    io::InputFile input(file.path.string());
    std::vector<std::string> bad;
    const auto summary = cli::import_registrations(
        input, {.skip_invalid = true}, event, registrar,
        {.bad_row = [&](const std::string& what) { bad.push_back(what); }, .progress = {}});
    CHECK(summary.rows == 5);
    CHECK(summary.added == 3);
    CHECK(summary.waitlisted == 1);
    CHECK(summary.invalid == 3);
    REQUIRE(bad.size() == 3);
    CHECK(bad[0] == file.path.string() + ":3: the name is empty");
    CHECK(bad[1] == file.path.string() + ":4: expected 3 fields as in the header, found 2");
    CHECK(bad[2].starts_with(file.path.string() + ":6: ANA@x.org is already registered"));
    CHECK(store.find_by_email(event.id, "ana@x.org")->fields ==
          std::vector<std::pair<std::string, std::string>>{{"diet", "vegan"}});
}

TEST_CASE("import of JSON Lines", "[registration_import]") {
    store::Database db(":memory:");
    const auto event = make_event(db, std::nullopt);
    store::RegistrationStore store(db);
    Registrar registrar(store, event, k_now, OnDuplicate::error, false);
    TempFile file("{\"name\":\"Ana\",\"email\":\"ana@x.org\",\"language\":\"FR\"}\n\n"
                  "{\"name\":\"Bob\",\"email\":\"bob@x.org\",\"status\":\"cancelled\"}\n");
    io::InputFile input(file.path.string());
    const auto summary = cli::import_registrations(input, {.format = ImportFormat::jsonl}, event,
                                                   registrar, {});
    CHECK(summary.added == 2);
    CHECK(store.find_by_email(event.id, "ana@x.org")->language == "fr");
    CHECK(store.find_by_email(event.id, "bob@x.org")->status == RegistrationStatus::cancelled);
}
