#include "convene/app/registration_import.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/app/lines_of_ids.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/io/csv_reader.hpp"
#include "convene/io/jsonl_reader.hpp"
#include "convene/io/registration_columns.hpp"
#include "convene/text/strings.hpp"

namespace convene::app {

namespace {

// Spreadsheets leave rows of empty cells (",,") below the data.
bool is_empty(const io::CsvRecord& record) {
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& value) { return text::trim(value).empty(); });
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

ImportProblem problem_of(ImportCause cause, const Error& error) {
    return {cause, error.what(), error.hint()};
}

// Reads one row after another from either format, turning each into a request. The readers
// throw for what they cannot read; this is the one place that turns that into a value.
class RowSource {
public:
    RowSource(const ImportOptions& options, const ImportReport& report, const date::time_zone& zone)
        : m_options(options), m_report(report), m_zone(zone) {}

    // Opens the input and reads a CSV header; the refusal when the header cannot be read.
    std::optional<ImportRefusal> open(io::InputFile& input) {
        if (m_options.format == ImportFormat::jsonl) {
            m_jsonl.emplace(input.stream(), input.path());
            return std::nullopt;
        }
        try {
            m_csv.emplace(input.stream(), input.path(), m_options.csv);
        } catch (const io::EncodingError& error) {
            return ImportRefusal{.first = problem_of(ImportCause::encoding, error),
                                 .at_header = true};
        } catch (const BadInputError& error) {
            return ImportRefusal{.first = problem_of(ImportCause::content, error),
                                 .at_header = true};
        }
        const io::PlatformReading platform{.platform = choose_platform(),
                                           .zone = &m_zone,
                                           .keep_noise = m_options.platform.keep_noise};
        auto columns = io::RegistrationColumns::read(
            m_csv->header(), m_options.ignore_unknown_columns, m_options.maps, platform);
        if (!columns) return header_refusal(columns.problem());
        m_columns.emplace(*std::move(columns));
        note_how_read(input, platform.platform);
        return std::nullopt;
    }

    // What the status of the row read last says (registered without a platform's status).
    io::StatusMeaning meaning() const { return m_meaning; }
    std::size_t left_out_columns() const { return m_columns ? m_columns->left_out().size() : 0; }
    // A platform's rows are placed in the order of its times, not of the file: seats and the
    // waiting list go first come, first served.
    bool in_time_order() const { return m_columns && m_columns->platform_times(); }

    // One line per field the columns give (--dry-run shows them).
    std::vector<std::string> mapping() const {
        return m_columns ? m_columns->describe() : std::vector<std::string>{};
    }

    enum class Read { row, end, bad };

    // Fills `line` and `request` with the next row, or `problem` with what is wrong with it.
    Read next(std::size_t& line, domain::RegistrationRequest& request, ImportProblem& problem) {
        std::optional<std::string> row_problem;
        try {
            if (m_csv) {
                if (!next_csv_record()) return Read::end;
                line = m_csv_record.line;
                row_problem = m_columns->fill(m_csv_record.fields, request, &m_meaning);
            } else {
                if (!m_jsonl->next(m_jsonl_record)) return Read::end;
                m_meaning = io::StatusMeaning::registered;
                line = m_jsonl_record.line;
                auto read =
                    io::request_from_json(m_jsonl_record.object, m_options.ignore_unknown_columns);
                if (read) request = *std::move(read);
                else row_problem = read.problem();
            }
        } catch (const io::EncodingError& error) {
            problem = problem_of(ImportCause::encoding, error);
            return Read::bad;
        } catch (const BadInputError& error) {
            problem = problem_of(ImportCause::content, error);
            return Read::bad;
        }
        if (!row_problem) return Read::row;
        problem = {ImportCause::content, fmt::format("{}: {}", location(line), *row_problem)};
        return Read::bad;
    }

    std::string location(std::size_t line) const {
        return m_csv ? m_csv->location(line) : m_jsonl->location(line);
    }
    // After a reader error: can the following rows still be read?
    bool can_go_on() const { return m_csv ? !m_csv->broken() : !m_jsonl->broken(); }
    std::size_t empty_rows() const { return m_empty_rows; }

private:
    // The forced platform's variant that fits the header (else its first), the one the header
    // shows, or none.
    const io::Platform* choose_platform() const {
        const auto& choice = m_options.platform;
        for (const auto* platform : choice.forced) {
            if (io::header_matches(*platform, m_csv->header())) return platform;
        }
        if (!choice.forced.empty()) return choice.forced.front();
        return choice.recognise ? io::recognise_platform(m_csv->header()) : nullptr;
    }

    bool next_csv_record() {
        while (m_csv->next(m_csv_record)) {
            if (!is_empty(m_csv_record)) return true;
            ++m_empty_rows;
        }
        return false;
    }

    ImportRefusal header_refusal(const io::HeaderProblem& problem) const {
        const auto& header = m_csv->header();
        if (problem.missing_field.empty()) {
            return {.first = {ImportCause::header,
                              fmt::format("{}: {}", m_csv->location(1), problem.message),
                              fmt::format("the header as read: {}", header_as_read(*m_csv))},
                    .at_header = true};
        }
        return {
            .first = {ImportCause::missing_column,
                      fmt::format("{}: the header has no {} column; read {}", m_csv->location(1),
                                  problem.missing_field, header_as_read(*m_csv))},
            .at_header = true,
            .missing_field = problem.missing_field,
            .first_column =
                header.empty() || header.front().empty() ? std::string("COLUMN") : header.front(),
            .columns = header.size()};
    }

    // Said when it is not RFC 4180's default, so that a surprise shows.
    void note_how_read(io::InputFile& input, const io::Platform* platform) const {
        if (!m_report.note) return;
        if (platform) {
            m_report.note(fmt::format("{}: read as {}", io::display_name(input.path()),
                                      platform->description));
        }
        const bool usual = m_csv->encoding() == "utf-8" && m_csv->delimiter() == ',';
        if (!usual || m_report.mapping) {
            m_report.note(fmt::format("{}: {}, delimiter {}", io::display_name(input.path()),
                                      m_csv->encoding(), delimiter_name(m_csv->delimiter())));
        }
        for (const auto column : m_columns->unnamed()) {
            m_report.note(fmt::format("column {} has no name in the header: skipped", column));
        }
    }

    const ImportOptions& m_options;
    const ImportReport& m_report;
    const date::time_zone& m_zone;
    std::optional<io::CsvReader> m_csv;
    io::StatusMeaning m_meaning{io::StatusMeaning::registered};
    std::optional<io::RegistrationColumns> m_columns;
    io::CsvRecord m_csv_record;
    std::size_t m_empty_rows{0};
    std::optional<io::JsonlReader> m_jsonl;
    io::JsonlRecord m_jsonl_record;
};

void count(ImportSummary& summary, const Outcome& outcome) {
    if (outcome.withdrawn) {
        ++summary.withdrawn;
        summary.moved_up += outcome.promoted.size();
    } else {
        summary.promoted += outcome.promoted.size();
    }
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

ImportCause cause_of(Refusal::Reason reason) {
    switch (reason) {
        case Refusal::Reason::duplicate: return ImportCause::duplicate;
        case Refusal::Reason::full: return ImportCause::full;
        case Refusal::Reason::cancelled_event: return ImportCause::cancelled_event;
    }
    return ImportCause::cancelled_event;
}

// One import: every row read, checked and placed, or set aside as bad.
class Import {
public:
    Import(const ImportOptions& options, const domain::Event& event, Registrar& registrar,
           const ImportReport& report, RowSource& source)
        : m_options(options),
          m_event(event),
          m_registrar(registrar),
          m_report(report),
          m_source(source) {}

    Imported run() {
        domain::RegistrationRequest request;
        ImportProblem problem;
        std::size_t line = 0;
        while (true) {
            const auto read = m_source.next(line, request, problem);
            if (read == RowSource::Read::end) break;
            if (read == RowSource::Read::bad) {
                // The rows before it first, as they came; then it, with the source as it is.
                place_window();
                if (!set_aside(std::move(problem), m_source.can_go_on())) return refused(false);
            } else {
                ++m_summary.rows;
                hold(line, request);
            }
            if (m_report.progress) m_report.progress->update(m_summary.rows);
        }
        place_window();
        place_held();
        m_summary.empty_rows = m_source.empty_rows();
        m_summary.left_out_columns = m_source.left_out_columns();
        if (m_first_bad) return refused(true);
        return {m_summary, std::nullopt};
    }

private:
    // A row read and kept to be placed in the order of its time.
    struct HeldRow {
        std::size_t line;
        domain::RegistrationRequest request;
        io::StatusMeaning meaning;
    };

    // Rows are placed a window at a time, the store told of each window's addresses first
    // (Registrar::look_ahead): one look-up for the window, not one per row.
    static constexpr std::size_t k_window = 512;

    // Keeps a row read: in the window (its request swapped in, so that no row is copied and
    // the window's strings are reused), placed when the window is full. A file in time order
    // keeps every row.
    void hold(std::size_t line, domain::RegistrationRequest& request) {
        if (m_source.in_time_order()) {
            m_window.push_back({line, request, m_source.meaning()});
            return;
        }
        if (m_in_window == m_window.size()) m_window.emplace_back();
        auto& row = m_window[m_in_window++];
        row.line = line;
        row.meaning = m_source.meaning();
        std::swap(row.request, request);
        if (m_in_window == k_window) place_window();
    }

    // Places the rows of the window, in order; a bad one is set aside as when it was read,
    // when the source could go on. A file in time order waits for place_held.
    void place_window() {
        const auto rows = m_window.begin() + static_cast<std::ptrdiff_t>(m_in_window);
        look_ahead(m_window.begin(), rows);
        m_in_window = 0;
        for (auto row = m_window.begin(); row != rows; ++row) {
            if (auto bad = place(row->line, row->request, row->meaning)) {
                set_aside(std::move(*bad), true);
            }
        }
    }

    void look_ahead(std::vector<HeldRow>::iterator begin, std::vector<HeldRow>::iterator end) {
        m_ahead.clear();
        if (begin == end) return;
        for (auto row = begin; row != end; ++row) m_ahead.push_back(&row->request);
        m_registrar.look_ahead(m_ahead);
    }

    // The rows of a file in time order, all read first (m_window holds them), by their time
    // (rows without one last, as now), then the file's order. Every row has been read: a bad
    // one is set aside or remembered, never the end.
    void place_held() {
        if (!m_source.in_time_order()) return;
        const auto key = [](const HeldRow& row) {
            return std::pair(!row.request.registered_at,
                             row.request.registered_at.value_or(domain::Instant{}));
        };
        std::stable_sort(m_window.begin(), m_window.end(),
                         [&](const HeldRow& a, const HeldRow& b) { return key(a) < key(b); });
        for (std::size_t at = 0; at < m_window.size(); ++at) {
            if (at % k_window == 0) {
                const auto next = m_window.begin() + static_cast<std::ptrdiff_t>(at);
                look_ahead(next, next + static_cast<std::ptrdiff_t>(
                                            std::min(k_window, m_window.size() - at)));
            }
            auto& row = m_window[at];
            if (auto bad = place(row.line, row.request, row.meaning)) {
                set_aside(std::move(*bad), m_source.can_go_on());
            }
        }
        m_window.clear();
    }

    // Normalises and places a row that was read; its problem, if any.
    std::optional<ImportProblem> place(std::size_t line, domain::RegistrationRequest& request,
                                       io::StatusMeaning meaning) {
        if (meaning != io::StatusMeaning::registered && m_report.decision) {
            m_report.decision(fmt::format("{}: {}: {}", m_source.location(line),
                                          text::trim(request.email), io::to_string(meaning)));
        }
        // Not paid, not approved: the person is not coming, and not known to be either.
        if (meaning == io::StatusMeaning::skipped) {
            ++m_summary.not_imported;
            return std::nullopt;
        }
        if (meaning == io::StatusMeaning::cancelled) {
            request.status = domain::RegistrationStatus::cancelled;
        }
        if (auto problem = domain::normalise(request, m_event)) {
            return ImportProblem{ImportCause::content,
                                 fmt::format("{}: {}", m_source.location(line), *problem)};
        }
        auto added = m_registrar.add(request);
        if (const auto* refusal = std::get_if<Refusal>(&added)) {
            return ImportProblem{cause_of(refusal->reason), refused_row(line, request, *refusal)};
        }
        const auto& outcome = std::get<Outcome>(added);
        if (outcome.kind == Outcome::Kind::added) m_added_by.add(outcome.registration.id, line);
        count(m_summary, outcome);
        const bool cancelled = outcome.registration.status == domain::RegistrationStatus::cancelled;
        if (outcome.kind == Outcome::Kind::added && meaning == io::StatusMeaning::cancelled &&
            cancelled) {
            ++m_summary.cancelled;
        }
        if (outcome.kind == Outcome::Kind::skipped && !cancelled &&
            request.status == domain::RegistrationStatus::cancelled) {
            ++m_summary.cancellations_kept_out;
        }
        return std::nullopt;
    }

    std::string refused_row(std::size_t line, const domain::RegistrationRequest& request,
                            const Refusal& refusal) const {
        const auto earlier = refusal.reason == Refusal::Reason::duplicate
                                 ? m_added_by.line_of(refusal.existing_id)
                                 : std::nullopt;
        if (!earlier) return fmt::format("{}: {}", m_source.location(line), refusal.message);
        return fmt::format("{}: {} is already registered for {} (line {} of this file)",
                           m_source.location(line), request.email, m_event.slug, *earlier);
    }

    // A bad row: reported and left out with skip_invalid, else remembered for the refusal.
    // False when the input cannot be read further: the file is refused at once.
    // `can_go_on`: whether the source could be read further when the row was read (every
    // row of a window was: a bad read places the window before it is set aside).
    bool set_aside(ImportProblem problem, bool can_go_on) {
        if (m_options.skip_invalid && can_go_on) {
            ++m_summary.invalid;
            if (m_report.bad_row) m_report.bad_row(problem.what);
            return true;
        }
        if (!can_go_on) {
            if (!m_first_bad) m_first_bad = std::move(problem);
            return false;
        }
        ++m_bad;
        if (!m_first_bad) m_first_bad = std::move(problem);
        return true;
    }

    Imported refused(bool counted) const {
        ImportRefusal refusal{.first = *m_first_bad, .counted = counted};
        if (counted) {
            refusal.valid = m_summary.added + m_summary.updated + m_summary.duplicates;
            refusal.bad = m_bad;
        }
        return {m_summary, std::move(refusal)};
    }

    const ImportOptions& m_options;
    const domain::Event& m_event;
    Registrar& m_registrar;
    const ImportReport& m_report;
    RowSource& m_source;
    ImportSummary m_summary{};
    LinesOfIds m_added_by{};
    // Read, not placed yet: a window (k_window), or every row of a file in time order.
    std::vector<HeldRow> m_window{};
    std::size_t m_in_window{0};  // rows of the window not placed yet
    std::vector<const domain::RegistrationRequest*> m_ahead{};
    std::optional<ImportProblem> m_first_bad{};  // without skip_invalid: refuses the file
    std::size_t m_bad{0};
};

}  // namespace

Imported import_registrations(io::InputFile& input, const ImportOptions& options,
                              const domain::Event& event, Registrar& registrar,
                              const ImportReport& report) {
    RowSource source(options, report, domain::known_zone(event.timezone));
    if (auto refusal = source.open(input)) return {{}, std::move(refusal)};
    if (report.mapping) {
        for (const auto& line : source.mapping()) report.mapping(line);
    }
    return Import(options, event, registrar, report, source).run();
}

}  // namespace convene::app
