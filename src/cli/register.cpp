// convene register EVENT: one person from flags (prints the id), or a whole file with
// --csv/--jsonl in one transaction (summary on stderr).
#include <memory>
#include <optional>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_setup.hpp"
#include "convene/app/register.hpp"
#include "convene/error.hpp"
#include "convene/io/platforms.hpp"
#include "convene/io/transcoder.hpp"
#include "convene/text/plural.hpp"
#include "delimiter_flag.hpp"
#include "flag_problems.hpp"
#include "progress_line.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> organisation;
    std::optional<std::string> language;
    std::vector<std::string> fields;
    std::string on_duplicate{"error"};
    bool no_waitlist{false};
    std::optional<std::string> csv;
    std::optional<std::string> jsonl;
    bool ignore_unknown_columns{false};
    bool skip_invalid{false};
    bool dry_run{false};
    std::optional<std::string> delimiter;
    std::optional<std::string> encoding;
    std::vector<std::string> maps;
    std::optional<std::string> platform;
    bool keep_columns{false};
};

// --platform NAME: "generic" turns recognition off; a platform's name forces it.
app::PlatformChoice platform_choice(const Options& options) {
    app::PlatformChoice choice{.keep_noise = options.keep_columns};
    if (!options.platform) return choice;
    choice.recognise = false;
    if (*options.platform == "generic") return choice;
    choice.forced = io::find_platforms(*options.platform);
    if (choice.forced.empty()) {
        throw UsageError(fmt::format("--platform: unknown platform '{}'", *options.platform),
                         fmt::format("accepted: {}", fmt::join(io::platform_names(), ", ")));
    }
    return choice;
}

io::CsvOptions csv_options(const Options& options) {
    io::CsvOptions csv;
    if (options.delimiter) csv.delimiter = delimiter_flag(*options.delimiter);
    if (options.encoding) {
        csv.encoding = io::find_encoding(*options.encoding);
        if (!csv.encoding) {
            throw UsageError(fmt::format("unknown encoding '{}'", *options.encoding),
                             fmt::format("accepted: {}", io::accepted_encodings()));
        }
    }
    return csv;
}

app::OnDuplicate on_duplicate(const std::string& word) {
    if (word == "skip") return app::OnDuplicate::skip;
    if (word == "update") return app::OnDuplicate::update;
    return app::OnDuplicate::error;
}

void check_combination(const Options& options) {
    const bool bulk = options.csv || options.jsonl;
    if (options.csv && options.jsonl) throw UsageError("give --csv or --jsonl, not both");
    const bool person = options.name || options.email || options.organisation || options.language ||
                        !options.fields.empty();
    if (bulk && person) {
        throw UsageError(
            "--name, --email, --organisation, --language and --field register one "
            "person; they do not go with --csv or --jsonl",
            "put the values in the file's columns");
    }
    if (!bulk && (options.ignore_unknown_columns || options.skip_invalid)) {
        throw UsageError("--ignore-unknown-columns and --skip-invalid need --csv or --jsonl");
    }
    if (!options.csv && (options.delimiter || options.encoding || !options.maps.empty() ||
                         options.platform || options.keep_columns)) {
        throw UsageError(
            "--delimiter, --encoding, --map, --platform and --keep-columns need --csv");
    }
    if (!bulk && (!options.name || !options.email)) {
        throw UsageError("register needs --name and --email (or --csv FILE / --jsonl FILE)");
    }
}

domain::RegistrationRequest request_from_flags(const Options& options) {
    domain::RegistrationRequest request;
    request.name = *options.name;
    request.email = *options.email;
    request.organisation = options.organisation;
    request.language = options.language;
    for (const auto& field : options.fields) {
        const auto equals = field.find('=');
        if (equals == std::string::npos) {
            throw UsageError(fmt::format("--field '{}' has no '='", field),
                             "give --field KEY=VALUE, e.g. --field diet=vegetarian");
        }
        request.fields.emplace_back(field.substr(0, equals), field.substr(equals + 1));
    }
    return request;
}

// The hint naming the flag that would have let a person in; empty when none would.
std::string refusal_hint(app::Refusal::Reason reason) {
    switch (reason) {
        case app::Refusal::Reason::duplicate:
            return "use --on-duplicate skip or --on-duplicate update";
        case app::Refusal::Reason::full:
            return "without --no-waitlist the person joins the waiting list";
        case app::Refusal::Reason::cancelled_event: return {};
    }
    return {};
}

// A row's (or the header's) problem said with the flag that puts it right.
std::string problem_hint(const app::ImportProblem& problem) {
    using app::ImportCause;
    switch (problem.cause) {
        case ImportCause::duplicate: return refusal_hint(app::Refusal::Reason::duplicate);
        case ImportCause::full: return refusal_hint(app::Refusal::Reason::full);
        case ImportCause::encoding:
            if (problem.hint.empty()) return "give the file's encoding with --encoding";
            return problem.hint + ": give --encoding windows-1252 (or latin1, utf-16)";
        case ImportCause::header: return problem.hint + "; --map COLUMN=FIELD chooses";
        case ImportCause::content:
        case ImportCause::cancelled_event:
        case ImportCause::missing_column: return problem.hint;
    }
    return problem.hint;
}

std::string missing_column_hint(const app::ImportRefusal& refusal) {
    return fmt::format(
        "name it with --map '{}={}'{}{}", refusal.first_column, refusal.missing_field,
        refusal.missing_field == "name" ? " (or join two: --map 'name=First name+Last name')" : "",
        refusal.columns == 1 ? "; or give the delimiter: --delimiter ';'" : "");
}

// A refused file: the first bad row, and what refusing means for the whole file: "nothing was
// imported", and how many rows --skip-invalid would import when some were good.
[[noreturn]] void refuse(const app::ImportRefusal& refusal) {
    const auto& first = refusal.first;
    std::string hint = problem_hint(first);
    if (first.cause == app::ImportCause::missing_column) {
        hint = missing_column_hint(refusal);
    } else if (!refusal.at_header) {
        hint += fmt::format("{}nothing was imported", hint.empty() ? "" : "; ");
        if (refusal.counted && refusal.valid > 0) {
            hint += fmt::format("; --skip-invalid would import the {} and skip {}",
                                text::count_of(refusal.valid, "valid row"),
                                text::count_of(refusal.bad, "bad row"));
        }
    }
    switch (first.cause) {
        case app::ImportCause::duplicate:
        case app::ImportCause::full:
        case app::ImportCause::cancelled_event: throw ConflictError(first.what, std::move(hint));
        default: throw BadInputError(first.what, std::move(hint));
    }
}

void register_one(const Options& options, const app::RegisterOptions& register_options,
                  Context& context) {
    // The id goes out before the commit: a rerun after a failure finds nobody registered.
    const auto print_id = [&](const app::RegisterResult& done) {
        context.out() << std::get<app::Outcome>(done.added).registration.id << '\n';
        context.flush_output();
    };
    const auto result = flag_value(app::register_person(context.database(), options.event,
                                                        request_from_flags(options),
                                                        register_options, context.now(), print_id),
                                   "");
    if (const auto* refusal = std::get_if<app::Refusal>(&result.added)) {
        throw ConflictError(refusal->message, refusal_hint(refusal->reason));
    }
    const auto& outcome = std::get<app::Outcome>(result.added);
    const auto& stored = outcome.registration;
    for (const auto& person : outcome.promoted) {
        context.note(fmt::format("promoted {} <{}> (id {}) from the waiting list first",
                                 person.name, person.email, person.id));
    }
    switch (outcome.kind) {
        case app::Outcome::Kind::added:
            if (outcome.waitlist_position > 0) {
                context.warn(fmt::format("{} is full: {} is on the waiting list at position {}",
                                         result.event.slug, stored.email,
                                         outcome.waitlist_position));
            }
            break;
        case app::Outcome::Kind::updated:
            context.note(fmt::format("updated {} (id {})", stored.email, stored.id));
            break;
        case app::Outcome::Kind::skipped:
            context.note(
                fmt::format("{} is already registered (id {}); skipped", stored.email, stored.id));
            break;
    }
    if (options.dry_run) {
        // The id would be another one by the time the person really registers.
        context.note(fmt::format("dry run, nothing written: {} would be {}", stored.email,
                                 domain::to_string(stored.status)));
    }
}

// Rows that cancel people registered already: done with --on-duplicate update, else said.
void note_cancellations(const app::ImportSummary& summary, Context& context) {
    if (summary.withdrawn > 0) {
        context.note(
            fmt::format("{} cancelled as the file says; {} moved up into the seats freed",
                        text::count_of(summary.withdrawn, "registration"),
                        text::count_of(summary.moved_up, "waiting person", "waiting people")));
    }
    if (summary.cancellations_kept_out > 0) {
        context.warn(
            fmt::format("{} cancel people registered already: left as they are "
                        "(--on-duplicate update cancels them)",
                        text::count_of(summary.cancellations_kept_out, "row")));
    }
}

// What a platform's statuses and columns did to the file.
void note_platform_counts(const app::ImportSummary& summary, Context& context) {
    if (summary.cancelled > 0) {
        context.note(fmt::format("{} cancelled on the platform: kept as cancelled",
                                 text::count_of(summary.cancelled, "person", "people")));
    }
    if (summary.not_imported > 0) {
        context.note(fmt::format("{} not imported: not paid or not approved on the platform",
                                 text::count_of(summary.not_imported, "row")));
    }
    if (summary.left_out_columns > 0) {
        context.note(
            fmt::format("{} of money, tax, seating or vouchers left out "
                        "(--keep-columns keeps them as custom fields)",
                        text::count_of(summary.left_out_columns, "column")));
    }
}

void register_file(const Options& options, const app::RegisterOptions& register_options,
                   Context& context) {
    const app::ImportOptions import{
        .format = options.csv ? app::ImportFormat::csv : app::ImportFormat::jsonl,
        .ignore_unknown_columns = options.ignore_unknown_columns,
        .skip_invalid = options.skip_invalid,
        .csv = csv_options(options),
        .maps = options.maps,
        .platform = platform_choice(options),
    };
    io::InputFile input(options.csv ? *options.csv : *options.jsonl);
    ProgressLine progress(context, "rows");
    app::ImportReport report;
    report.bad_row = [&](const std::string& what) { context.warn(what + " (row skipped)"); };
    report.progress = &progress;
    report.note = [&](const std::string& what) { context.note(what); };
    if (options.dry_run) {
        report.mapping = [&](const std::string& line) { context.note("column: " + line); };
        report.decision = [&](const std::string& line) { context.note("status: " + line); };
    }
    const auto result = app::register_from_file(context.database(), options.event, input, import,
                                                register_options, context.now(), report);
    progress.clear();
    if (result.refusal) refuse(*result.refusal);
    const auto& summary = result.summary;
    context.note(fmt::format(
        "{}{}: {}: {} added ({} waitlisted), {} updated, {} skipped, {} invalid skipped",
        options.dry_run ? "dry run, nothing written: " : "", io::display_name(input.path()),
        text::count_of(summary.rows, "row"), summary.added, summary.waitlisted, summary.updated,
        text::count_of(summary.duplicates, "duplicate"), summary.invalid));
    note_platform_counts(summary, context);
    if (summary.empty_rows > 0) {
        context.note(fmt::format("{} skipped", text::count_of(summary.empty_rows, "empty row")));
    }
    if (summary.promoted > 0) {
        context.note(
            fmt::format("{} promoted from the waiting list to free seats first",
                        text::count_of(summary.promoted, "waiting person", "waiting people")));
    }
    note_cancellations(summary, context);
}

void run(const Options& options, Context& context) {
    check_combination(options);
    const app::RegisterOptions register_options{.on_duplicate = on_duplicate(options.on_duplicate),
                                                .no_waitlist = options.no_waitlist,
                                                .dry_run = options.dry_run};
    if (options.csv || options.jsonl) {
        register_file(options, register_options, context);
    } else {
        register_one(options, register_options, context);
    }
}

}  // namespace

Runner add_register(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("--name", options->name, "Full name");
    command.add_option("--email", options->email, "Email (unique per event, any case)");
    command.add_option("--organisation,--organization", options->organisation, "Organisation");
    command.add_option("--language", options->language,
                       "Preferred language: one of the event's, by tag or name (fr, Français)");
    command.add_option("--field", options->fields, "Custom field KEY=VALUE (repeatable)")
        ->allow_extra_args(false);
    command
        .add_option("--on-duplicate", options->on_duplicate,
                    "When the email is registered already: error (exit 4), skip or update")
        ->check(CLI::IsMember({"error", "skip", "update"}));
    command.add_flag("--no-waitlist", options->no_waitlist,
                     "Fail (exit 4) instead of waitlisting when the event is full");
    command.add_option("--csv", options->csv, "Register everyone in a CSV file ('-': stdin)");
    command.add_option("--jsonl", options->jsonl,
                       "Register everyone in a JSON Lines file ('-': stdin)");
    command.add_flag("--ignore-unknown-columns", options->ignore_unknown_columns,
                     "Drop columns that are not registration fields instead of keeping them "
                     "as custom fields");
    command.add_flag("--skip-invalid", options->skip_invalid,
                     "Import the good rows and report each bad one, instead of rejecting the "
                     "file");
    command.add_option("--delimiter", options->delimiter,
                       "CSV delimiter: ',' ';' or tab (default: the one the header uses)");
    command.add_option("--encoding", options->encoding,
                       "Encoding of a CSV without byte order mark: utf-8, windows-1252, "
                       "latin1, utf-16 (default: UTF-8, or Windows-1252 when it is not UTF-8)");
    command
        .add_option("--map", options->maps,
                    "'COLUMN=FIELD' reads a column as a field; 'name=First name+Last name' "
                    "joins columns (repeatable)")
        ->allow_extra_args(false);
    command.add_option("--platform", options->platform,
                       "Which platform's export the CSV is: " +
                           fmt::format("{}", fmt::join(io::platform_names(), ", ")) +
                           " (default: recognised by the header)");
    command.add_flag("--keep-columns", options->keep_columns,
                     "Keep a platform's money, tax, seating and voucher columns as custom fields");
    command.add_flag("--dry-run", options->dry_run,
                     "Check everything, write nothing; show which column is which field");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
