#pragma once
// What the unit tests share, in one place (as ninja keeps src/test.h): a fixed clock, temporary
// files and folders that remove themselves, a store in memory holding an event, the seed events
// of the iCalendar tests, and the message of the error a call throws. Tests only.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "convene/domain/agenda.hpp"
#include "convene/domain/event.hpp"
#include "convene/error.hpp"
#include "convene/export/ics_writer.hpp"
#include "convene/store/database.hpp"
#include "convene/store/event_store.hpp"

namespace convene::testing {

// --- Time ---------------------------------------------------------------------------------

// "Now" in every unit test: 2023-11-14T22:13:20Z, the end-to-end tests' SOURCE_DATE_EPOCH, so
// that it is also the DTSTAMP of every test export.
inline const domain::Instant k_now{std::chrono::seconds{1'700'000'000}};

inline domain::Instant at(std::int64_t seconds_since_epoch) {
    return domain::Instant{std::chrono::seconds{seconds_since_epoch}};
}

inline domain::Instant utc(date::year_month_day day,
                           std::chrono::seconds time = std::chrono::seconds{0}) {
    return date::sys_days{day} + time;
}

// --- Files --------------------------------------------------------------------------------

// A new folder under the system's temporary folder, removed with its content at the end of the
// scope. Names hold the process id and a counter: test runs in parallel do not meet.
struct TempFolder {
    const std::filesystem::path path{make_path()};

    TempFolder() { std::filesystem::create_directories(path); }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    // Writes `content` byte for byte to `name` (parent folders created) and returns its path.
    std::filesystem::path write(const std::string& name, std::string_view content) const {
        const auto file = path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
        return file;
    }

private:
    static std::filesystem::path make_path() {
        static int counter = 0;
        return std::filesystem::temp_directory_path() /
               ("convene-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    }
};

// One file with `content`, in a TempFolder of its own.
struct TempFile {
    TempFolder folder;
    const std::filesystem::path path;

    explicit TempFile(std::string_view content, const std::string& name = "file.txt")
        : path(folder.write(name, content)) {}
};

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// --- Store --------------------------------------------------------------------------------

// A timed event in UTC, one hour from k_now, for English and French speakers, with `capacity`
// seats (unlimited: nullopt).
inline domain::Event an_event(std::string slug,
                              std::optional<std::int64_t> capacity = std::nullopt) {
    domain::Event event;
    event.slug = std::move(slug);
    event.uid = event.slug + "@test";
    event.title = "Briefing";
    event.timezone = "UTC";
    event.start = k_now;
    event.end = k_now + std::chrono::hours{1};
    event.languages = {"en", "fr"};
    event.capacity = capacity;
    return event;
}

// `event` inserted into `db`, as the store gives it back (its id and schedule number).
inline domain::Event stored(store::Database& db, domain::Event event) {
    store::EventStore events(db);
    return *events.find_by_id(events.insert(event));
}

// A migrated database in memory holding one event (an_event("briefing") unless given).
struct StoreWithEvent {
    store::Database db{":memory:"};
    domain::Event event;

    explicit StoreWithEvent(domain::Event wanted = an_event("briefing"))
        : event(stored(db, std::move(wanted))) {}
};

// --- Errors -------------------------------------------------------------------------------

// The message of the `ErrorType` that `call()` throws, or "no error".
template <typename ErrorType, typename Call>
std::string error_message(Call&& call) {
    try {
        call();
    } catch (const ErrorType& error) {
        return error.what();
    }
    return "no error";
}

// The exit code of the convene::Error that `call()` throws, or ExitCode::ok.
template <typename Call>
ExitCode code_of(Call&& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.code();
    }
    return ExitCode::ok;
}

// --- Readers (CSV, JSONL) -----------------------------------------------------------------

template <typename Reader, typename Record>
std::vector<Record> read_all(Reader& reader) {
    std::vector<Record> records;
    Record record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

// The message of the BadInputError (exit 5) that reading the whole of `text` throws.
template <typename Reader, typename Record>
std::string read_error(const std::string& text, std::string_view file_name) {
    std::istringstream in(text);
    try {
        Reader reader(in, file_name);
        read_all<Reader, Record>(reader);
    } catch (const BadInputError& error) {
        CHECK(error.code() == ExitCode::bad_input);
        return error.what();
    }
    return "no error";
}

// --- iCalendar ----------------------------------------------------------------------------

// What `write(ics::Writer&)` writes.
template <typename Write>
std::string written(Write&& write) {
    std::ostringstream out;
    ics::Writer writer(out);
    write(writer);
    return out.str();
}

// RFC 5545 §3.1 unfolding (remove each CRLF followed by a space or a tab), so that expected
// texts need not repeat the writer's fold points.
inline std::string unfold(const std::string& folded) {
    std::string result;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 2, "\r\n") == 0 && i + 2 < folded.size() &&
            (folded[i + 2] == ' ' || folded[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        result += folded[i];
    }
    return result;
}

// The seed event: the three-day peer-learning event (11–13 April 2022, Europe/Paris)...
inline domain::Event seed_parent() {
    domain::Event event;
    event.id = 1;
    event.slug = "peer-learning-2022";
    event.uid = "parent@convene.test";
    event.title = "Migrations et déplacements en contexte de crise";
    event.timezone = "Europe/Paris";
    event.all_day = true;
    event.start_date = date::year{2022} / 4 / 11;
    event.end_date = date::year{2022} / 4 / 13;
    event.created_at = event.updated_at = utc(date::year{2022} / 3 / 1);
    return event;
}

// ...and the online briefing that is part of it (13 April 2022, 15:00–16:00 Europe/Paris).
inline domain::Event seed_briefing() {
    using namespace std::chrono_literals;
    domain::Event event;
    event.id = 2;
    event.slug = "imrf-briefing";
    event.uid = "briefing@convene.test";
    event.title = "Séance d'information (IMRF)";
    event.description = "Ce briefing vise à informer.\nDeuxième ligne; avec, ponctuation.";
    event.timezone = "Europe/Paris";
    event.start = utc(date::year{2022} / 4 / 13, 13h);
    event.end = utc(date::year{2022} / 4 / 13, 14h);
    event.online_url = "https://example.org/imrf";
    event.registration_url = "https://example.org/imrf/register";
    event.languages = {"en", "fr", "es"};
    event.organisers = {{"Mayors Mechanism"}, {"CGLU"}};
    event.parent_id = 1;
    event.created_at = utc(date::year{2022} / 3 / 1);
    event.updated_at = utc(date::year{2022} / 3 / 2);
    return event;
}

// An item of the briefing's agenda.
inline domain::AgendaItem agenda_item(std::int64_t id, int position, std::string title) {
    domain::AgendaItem item;
    item.id = id;
    item.event_id = 2;
    item.position = position;
    item.title = std::move(title);
    // As the store names the items of databases from before UIDs were stored, and their
    // schedule numbers: the seed briefing's.
    item.uid = "item-" + std::to_string(id) + ".briefing@convene.test";
    item.schedule_id = id;
    return item;
}

}  // namespace convene::testing
