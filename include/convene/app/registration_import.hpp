#pragma once
// Bulk registration from a CSV or JSON Lines file (`register --csv/--jsonl`): rows are read,
// checked and written one at a time through a Registrar, so memory stays flat whatever the
// file's size. The caller holds the one transaction around the whole import, and commits it
// or not (--dry-run, or a bad row without --skip-invalid).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "convene/app/progress.hpp"
#include "convene/app/registrar.hpp"
#include "convene/domain/event.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/input.hpp"

namespace convene::app {

enum class ImportFormat { csv, jsonl };

struct ImportOptions {
    ImportFormat format{ImportFormat::csv};
    bool ignore_unknown_columns{false};
    // Report each bad row and go on, instead of stopping at the first one.
    bool skip_invalid{false};
    // CSV only: delimiter and encoding (detected when not given), and explicit column maps
    // ("COLUMN=FIELD", "FIELD=COLUMN+COLUMN"; see io::RegistrationColumns).
    io::CsvOptions csv{};
    std::vector<std::string> maps{};
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
};

// Without skip_invalid, the first bad row throws: BadInputError (exit 5) for its content,
// ConflictError (exit 4) for a duplicate or a full event, both "FILE:LINE: what".
ImportSummary import_registrations(io::InputFile& input, const ImportOptions& options,
                                   const domain::Event& event, Registrar& registrar,
                                   const ImportReport& report);

}  // namespace convene::app
