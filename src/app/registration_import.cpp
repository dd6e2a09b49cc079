#include "convene/app/registration_import.hpp"

#include <optional>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/jsonl_reader.hpp"
#include "convene/io/registration_columns.hpp"
#include "convene/text/plural.hpp"

namespace convene::app {

namespace {

// Reads one row after another from either format, turning each into a request.
class RowSource {
public:
    RowSource(io::InputFile& input, const ImportOptions& options) : m_options(options) {
        if (options.format == ImportFormat::jsonl) {
            m_jsonl.emplace(input.stream(), input.path());
            return;
        }
        m_csv.emplace(input.stream(), input.path());
        try {
            m_columns.emplace(m_csv->header(), options.ignore_unknown_columns);
        } catch (const io::RowError& error) {
            throw BadInputError(fmt::format("{}: {}", m_csv->location(1), error.what()),
                                "the first line names the columns: name,email,…");
        }
    }

    // Fills `line` and `request` with the next row; false at the end. Throws BadInputError
    // (with location) for a record the reader rejects, RowError for content.
    bool next(std::size_t& line, domain::RegistrationRequest& request) {
        if (m_csv) {
            if (!m_csv->next(m_csv_record)) return false;
            line = m_csv_record.line;
            request = m_columns->request(m_csv_record.fields);
            return true;
        }
        if (!m_jsonl->next(m_jsonl_record)) return false;
        line = m_jsonl_record.line;
        request = io::request_from_json(m_jsonl_record.object, m_options.ignore_unknown_columns);
        return true;
    }

    std::string location(std::size_t line) const {
        return m_csv ? m_csv->location(line) : m_jsonl->location(line);
    }
    // After a reader error: can the following rows still be read?
    bool can_go_on() const { return m_csv ? !m_csv->broken() : !m_jsonl->broken(); }

private:
    const ImportOptions& m_options;
    std::optional<io::CsvReader> m_csv;
    std::optional<io::RegistrationColumns> m_columns;
    io::CsvRecord m_csv_record;
    std::optional<io::JsonlReader> m_jsonl;
    io::JsonlRecord m_jsonl_record;
};

// Throws the error that refuses the file (of its own type), its hint ending with what that
// means for the whole file: "nothing was imported", and how many rows --skip-invalid would
// import when some were good.
[[noreturn]] void refuse(const Error& first, std::size_t valid, std::size_t bad, bool counted) {
    std::string hint = first.hint().empty() ? std::string() : first.hint() + "; ";
    hint += "nothing was imported";
    if (counted && valid > 0) {
        hint += fmt::format("; --skip-invalid would import the {} and skip {}",
                            text::count_of(valid, "valid row"), text::count_of(bad, "bad row"));
    }
    if (first.code() == ExitCode::conflict) throw ConflictError(first.what(), std::move(hint));
    throw BadInputError(first.what(), std::move(hint));
}

void count(ImportSummary& summary, const Outcome& outcome) {
    switch (outcome.kind) {
        case Outcome::Kind::added:
            ++summary.added;
            if (outcome.registration.status == domain::RegistrationStatus::waitlisted) {
                ++summary.waitlisted;
            }
            break;
        case Outcome::Kind::updated: ++summary.updated; break;
        case Outcome::Kind::skipped: ++summary.duplicates; break;
    }
}

}  // namespace

ImportSummary import_registrations(io::InputFile& input, const ImportOptions& options,
                                   const domain::Event& event, Registrar& registrar,
                                   const ImportReport& report) {
    RowSource source(input, options);
    ImportSummary summary;
    domain::RegistrationRequest request;
    std::size_t line = 0;
    // Without skip_invalid the first bad row refuses the file. The rows after it are still
    // checked (the caller rolls the transaction back), so that the refusal can say how many
    // rows --skip-invalid would import.
    std::optional<Error> first_bad;
    std::size_t bad = 0;
    auto refuse_or_count = [&](const Error& error) {
        if (!source.can_go_on()) {
            refuse(first_bad ? *first_bad : error, 0, 0, false);
        }
        ++bad;
        if (!first_bad) first_bad = error;
    };
    while (true) {
        // Each failure becomes "FILE:LINE: what", with the exit code of its kind; with
        // skip_invalid it is reported and the row left out.
        try {
            try {
                if (!source.next(line, request)) break;
                ++summary.rows;
                if (auto problem = domain::normalise(request, event)) throw io::RowError(*problem);
                count(summary, registrar.add(request));
            } catch (const io::RowError& error) {
                throw BadInputError(fmt::format("{}: {}", source.location(line), error.what()));
            } catch (const ConflictError& error) {
                throw ConflictError(fmt::format("{}: {}", source.location(line), error.what()),
                                    error.hint());
            }
        } catch (const BadInputError& error) {
            if (!options.skip_invalid || !source.can_go_on()) {
                refuse_or_count(error);
            } else {
                ++summary.invalid;
                if (report.bad_row) report.bad_row(error.what());
            }
        } catch (const ConflictError& error) {
            if (!options.skip_invalid) {
                refuse_or_count(error);
            } else {
                ++summary.invalid;
                if (report.bad_row) report.bad_row(error.what());
            }
        }
        if (report.progress) report.progress->update(summary.rows);
    }
    if (first_bad) {
        const std::size_t valid = summary.added + summary.updated + summary.duplicates;
        refuse(*first_bad, valid, bad, true);
    }
    return summary;
}

}  // namespace convene::app
