#pragma once
// Bulk registration from a CSV or JSON Lines file (`register --csv/--jsonl`): rows are read,
// checked and written one at a time through a Registrar, so memory stays flat whatever the
// file's size; a platform's export with its own times (io/platforms.hpp) is read whole first and
// placed in the order of those times, so that seats go first come, first served. The caller holds
// the one transaction around the whole import, and commits it or not (--dry-run, or a bad row
// without --skip-invalid).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "convene/app/progress.hpp"
#include "convene/app/registrar.hpp"
#include "convene/domain/event.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/input.hpp"
#include "convene/io/platforms.hpp"

namespace convene::app {

enum class ImportFormat { csv, jsonl };

// Which platform's export a CSV file is (io/platforms.hpp), and so how its columns, statuses
// and times read.
struct PlatformChoice {
    bool recognise{true};  // by the header; false: a file of no platform
    // The variants of one platform, forced: the first whose header matches, else the first.
    std::vector<const io::Platform*> forced{};
    bool keep_noise{false};  // keep money, tax, seating and voucher columns as custom fields
};

struct ImportOptions {
    ImportFormat format{ImportFormat::csv};
    bool ignore_unknown_columns{false};
    // Report each bad row and go on, instead of stopping at the first one.
    bool skip_invalid{false};
    // CSV only: delimiter and encoding (detected when not given), and explicit column maps
    // ("COLUMN=FIELD", "FIELD=COLUMN+COLUMN"; see io::RegistrationColumns).
    io::CsvOptions csv{};
    std::vector<std::string> maps{};
    PlatformChoice platform{};
};

struct ImportSummary {
    std::size_t rows{0};        // data rows read (not the header, not blank lines)
    std::size_t added{0};       // new registrations, waitlisted ones included
    std::size_t waitlisted{0};  // of those added
    std::size_t updated{0};     // --on-duplicate update
    std::size_t duplicates{0};  // --on-duplicate skip
    std::size_t invalid{0};     // bad rows skipped with skip_invalid
    std::size_t empty_rows{0};  // rows with no value at all, skipped
    std::size_t promoted{0};    // waiting people given a free seat before the rows were placed
    // A platform's export: of those added, the ones its status says cancelled; rows its status
    // keeps out (not paid, not approved); money, tax, seating and voucher columns left out.
    std::size_t cancelled{0};
    std::size_t not_imported{0};
    std::size_t left_out_columns{0};
    // Rows that cancel a registered or waitlisted person: cancelled with --on-duplicate update
    // (`withdrawn`, and `moved_up` waiting people into the seats they freed), else left as they
    // are (`cancellations_kept_out`) for the command to say so.
    std::size_t withdrawn{0};
    std::size_t moved_up{0};
    std::size_t cancellations_kept_out{0};
};

// What kept a row, or the whole file, out: the command line words each with the flag that
// changes it, and picks the exit code (4 for duplicate, full and cancelled_event, else 5).
enum class ImportCause {
    content,          // a value the row holds (or a record the reader cannot read)
    encoding,         // bytes that are not text in the encoding read
    duplicate,        // the email is registered already
    full,             // the event is full and the waiting list is off
    cancelled_event,  // the event is cancelled
    missing_column,   // the header has no column for the name or the email
    header,           // the header or a map is wrong otherwise
};

struct ImportProblem {
    ImportCause cause{ImportCause::content};
    std::string what{};  // "FILE:LINE: what is wrong"
    std::string hint{};  // how to put it right, in words that name no flag; may be empty
};

// Why an import wrote nothing.
struct ImportRefusal {
    ImportProblem first{};  // the first bad row, or the header
    bool at_header{false};  // refused before any row was read
    // Every row was read (the input was not broken): how many would import and how many not,
    // for "skip_invalid would import the valid rows".
    bool counted{false};
    std::size_t valid{0};
    std::size_t bad{0};
    // With ImportCause::missing_column: the field ("name", "email"), the first column's name,
    // and how many columns the header was split into.
    std::string missing_field{};
    std::string first_column{};
    std::size_t columns{0};
};

struct ImportReport {
    // "FILE:LINE: what is wrong", for each row skipped with skip_invalid.
    std::function<void(const std::string&)> bad_row;
    // Told the number of rows read so far, after each row; may be null.
    Progress* progress{nullptr};
    // How the file is read, before the first row: encoding, delimiter, which column is which
    // field, columns skipped.
    std::function<void(const std::string&)> note{};
    // One line per field and the columns it comes from (register --dry-run).
    std::function<void(const std::string&)> mapping{};
    // "FILE:LINE: EMAIL: cancelled" for each row a platform's status does not register; may be
    // null (register --dry-run shows them).
    std::function<void(const std::string&)> decision{};
};

struct Imported {
    ImportSummary summary;
    std::optional<ImportRefusal> refusal;  // the caller rolls back
};

// Without skip_invalid the first bad row refuses the file; the rows after it are still read,
// so that the refusal can say how many would import. A header that cannot be read refuses it
// at once.
Imported import_registrations(io::InputFile& input, const ImportOptions& options,
                              const domain::Event& event, Registrar& registrar,
                              const ImportReport& report);

}  // namespace convene::app
