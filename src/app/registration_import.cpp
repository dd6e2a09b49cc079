#include "convene/app/registration_import.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/error.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/jsonl_reader.hpp"
#include "convene/io/registration_columns.hpp"
#include "convene/text/plural.hpp"

namespace convene::app {

namespace {

// Spreadsheets leave rows of empty cells (",,") below the data.
bool is_empty(const io::CsvRecord& record) {
    return std::all_of(record.fields.begin(), record.fields.end(), [](const std::string& value) {
        return value.find_first_not_of(" \t\r\n") == std::string::npos;
    });
}

std::string delimiter_name(char delimiter) {
    return delimiter == '\t' ? std::string("tab") : fmt::format("'{}'", delimiter);
}

// The header as read, so that a wrong delimiter or encoding shows at once.
std::string header_as_read(const io::CsvReader& csv) {
    std::vector<std::string> quoted;
    for (const auto& name : csv.header()) quoted.push_back(fmt::format("\"{}\"", name));
    return fmt::format("{} column{} split at {}: {}", quoted.size(), quoted.size() == 1 ? "" : "s",
                       delimiter_name(csv.delimiter()), fmt::join(quoted, ", "));
}

// Reads one row after another from either format, turning each into a request.
class RowSource {
public:
    RowSource(io::InputFile& input, const ImportOptions& options, const ImportReport& report)
        : m_options(options) {
        if (options.format == ImportFormat::jsonl) {
            m_jsonl.emplace(input.stream(), input.path());
            return;
        }
        m_csv.emplace(input.stream(), input.path(), options.csv);
        try {
            m_columns.emplace(m_csv->header(), options.ignore_unknown_columns, options.maps);
        } catch (const io::MissingColumn& error) {
            const auto& header = m_csv->header();
            const auto example =
                header.empty() || header.front().empty() ? std::string("COLUMN") : header.front();
            throw BadInputError(
                fmt::format("{}: the header has no {} column; read {}", m_csv->location(1),
                            error.field, header_as_read(*m_csv)),
                fmt::format("name it with --map '{}={}'{}{}", example, error.field,
                            error.field == "name" ? " (or join two: --map 'name=First name+Last "
                                                    "name')"
                                                  : "",
                            header.size() == 1 ? "; or give the delimiter: --delimiter ';'" : ""));
        } catch (const io::RowError& error) {
            throw BadInputError(fmt::format("{}: {}", m_csv->location(1), error.what()),
                                fmt::format("the header as read: {}; --map COLUMN=FIELD "
                                            "chooses",
                                            header_as_read(*m_csv)));
        }
        if (report.note) {
            // Said when it is not RFC 4180's default, so that a surprise shows.
            const bool usual = m_csv->encoding() == "utf-8" && m_csv->delimiter() == ',';
            if (!usual || report.mapping) {
                report.note(fmt::format("{}: {}, delimiter {}", io::display_name(input.path()),
                                        m_csv->encoding(), delimiter_name(m_csv->delimiter())));
            }
            for (const auto column : m_columns->unnamed()) {
                report.note(fmt::format("column {} has no name in the header: skipped", column));
            }
        }
    }

    // One line per field the columns give (--dry-run shows them).
    std::vector<std::string> mapping() const {
        return m_columns ? m_columns->describe() : std::vector<std::string>{};
    }

    // Fills `line` and `request` with the next row; false at the end. Throws BadInputError
    // (with location) for a record the reader rejects, RowError for content.
    bool next(std::size_t& line, domain::RegistrationRequest& request) {
        if (m_csv) {
            while (true) {
                if (!m_csv->next(m_csv_record)) return false;
                line = m_csv_record.line;
                if (!is_empty(m_csv_record)) break;
                ++m_empty_rows;
            }
            m_columns->fill(m_csv_record.fields, request);
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
    std::size_t empty_rows() const { return m_empty_rows; }

private:
    const ImportOptions& m_options;
    std::optional<io::CsvReader> m_csv;
    std::optional<io::RegistrationColumns> m_columns;
    io::CsvRecord m_csv_record;
    std::size_t m_empty_rows{0};
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

// The line of the file that added each registration, for "already registered (line 3 of
// this file)": an id would name a row the refusal rolls back. Ids and lines both grow, mostly
// one by one, so runs of the two keep this small however long the file.
class LinesOfIds {
public:
    void add(std::int64_t id, std::size_t line) {
        if (!m_runs.empty()) {
            auto& last = m_runs.back();
            const auto next = static_cast<std::size_t>(last.count);
            if (id == last.id + last.count && line == last.line + next) {
                ++last.count;
                return;
            }
        }
        m_runs.push_back({id, line, 1});
    }

    std::optional<std::size_t> line_of(std::int64_t id) const {
        for (auto run = m_runs.rbegin(); run != m_runs.rend(); ++run) {
            if (id >= run->id && id < run->id + run->count) {
                return run->line + static_cast<std::size_t>(id - run->id);
            }
        }
        return std::nullopt;
    }

private:
    struct Run {
        std::int64_t id;
        std::size_t line;
        std::int64_t count;
    };
    std::vector<Run> m_runs;
};

void count(ImportSummary& summary, const Outcome& outcome) {
    summary.promoted += outcome.promoted.size();
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
    RowSource source(input, options, report);
    if (report.mapping) {
        for (const auto& line : source.mapping()) report.mapping(line);
    }
    ImportSummary summary;
    domain::RegistrationRequest request;
    std::size_t line = 0;
    // Without skip_invalid the first bad row refuses the file. The rows after it are still
    // checked (the caller rolls the transaction back), so that the refusal can say how many
    // rows --skip-invalid would import.
    std::optional<Error> first_bad;
    std::size_t bad = 0;
    LinesOfIds added_by;
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
                const auto outcome = registrar.add(request);
                if (outcome.kind == Outcome::Kind::added) {
                    added_by.add(outcome.registration.id, line);
                }
                count(summary, outcome);
            } catch (const io::RowError& error) {
                throw BadInputError(fmt::format("{}: {}", source.location(line), error.what()));
            } catch (const DuplicateRegistration& error) {
                const auto earlier = added_by.line_of(error.existing_id);
                if (!earlier)
                    throw ConflictError(source.location(line) + ": " + error.what(), error.hint());
                throw ConflictError(
                    fmt::format("{}: {} is already registered for {} (line {} of this file)",
                                source.location(line), request.email, event.slug, *earlier),
                    error.hint());
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
    summary.empty_rows = source.empty_rows();
    return summary;
}

}  // namespace convene::app
