// convene list attendees EVENT: one row per registration, in registration order, streamed.
// Columns: name, email, organisation, language, status, registered_at, checked_in_at,
// waitlist_position, then one per custom field the event's registrations use. --reply picks
// people by their answer to the invitation (the registered only, unless --status says). `register
// --csv` reads this back unchanged. On request (--fields), what `send` last sent each person and
// their reply: sent_method, sent_sequence, sent_at, reply; and the time in the online meeting
// (attended_minutes, from check-in --from).
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/attendee_rows.hpp"
#include "convene/error.hpp"
#include "convene/export/attendee_columns.hpp"
#include "convene/export/spreadsheet.hpp"
#include "convene/text/strings.hpp"
#include "delimiter_flag.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::optional<std::string> status;
    std::optional<std::string> language;
    bool checked_in{false};
    bool not_checked_in{false};
    std::optional<std::string> reply;
    std::optional<std::string> fields;
    bool no_header{false};
    bool wide{false};
    bool excel{false};
    std::optional<std::string> delimiter;
    bool raw{false};
};

// --excel is CSV as Excel opens it in any locale: UTF-8 announced by a byte order mark, and
// the separator of the locale (--delimiter ';' in much of Europe). Plain csv stays RFC 4180.
output::Format writer_setup(const Options& options, Context& context,
                            output::DelimitedOptions& writer) {
    writer.raw = options.raw;
    auto format = context.output_format();
    if (options.excel) {
        if (!context.options().format.empty() && format != output::Format::csv) {
            throw UsageError("--excel writes CSV; it does not go with --format " +
                             context.options().format);
        }
        format = output::Format::csv;
        writer.byte_order_mark = true;
    }
    if (options.delimiter) {
        if (format != output::Format::csv) throw UsageError("--delimiter needs csv or --excel");
        writer.delimiter = delimiter_flag(*options.delimiter);
    }
    return format;
}

// --fields: the columns named, in order, each once. The custom field names are read only for
// a name that is no built-in column: finding them reads all the event's fields (issue 28).
output::AttendeeColumns choose_columns(const Options& options, app::AttendeeRows& rows) {
    if (!options.fields) return output::AttendeeColumns::all(rows.field_keys());
    output::AttendeeColumns columns;
    std::optional<std::vector<std::string>> keys;
    for (const auto& name : text::split_list(*options.fields)) {
        if (columns.contains(name))
            throw UsageError(fmt::format("--fields names '{}' twice", name));
        auto problem = columns.add(name, keys ? *keys : std::vector<std::string>{});
        if (problem && !keys) {
            keys = rows.field_keys();
            problem = columns.add(name, *keys);
        }
        check_flags(problem);
    }
    if (columns.empty()) throw UsageError("--fields names no field");
    return columns;
}

app::AttendeeFilter make_filter(const Options& options) {
    app::AttendeeFilter filter;
    if (options.status) {
        filter.status = flag_value(domain::parse_registration_status(*options.status), "status");
    }
    filter.language = options.language;  // matched as registration matches it
    if (options.checked_in && options.not_checked_in) {
        throw UsageError("give --checked-in or --not-checked-in, not both");
    }
    if (options.checked_in) filter.checked_in = true;
    if (options.not_checked_in) filter.checked_in = false;
    if (options.reply) filter.reply = flag_value(domain::parse_reply_kind(*options.reply), "reply");
    return filter;
}

void run(const Options& options, Context& context) {
    const auto filter = make_filter(options);
    auto opened = app::attendee_rows(context.database(), options.event, filter);
    if (!opened) throw_flag_problem(opened.problem());  // a language: worded as `register` does
    auto rows = *std::move(opened);
    auto columns = choose_columns(options, rows);
    output::DelimitedOptions delimited;
    const auto format = writer_setup(options, context, delimited);
    auto writer =
        output::make_row_writer(format, context.out(), columns.header(),
                                context.writer_options(options.no_header, options.wide), delimited);
    const app::AttendeeReads reads{.custom_fields = columns.shows_custom_fields(),
                                   .waitlist_position = columns.shows_waitlist_position(),
                                   .last_sent = columns.shows_last_sent(),
                                   .reply = columns.shows_reply(),
                                   .print_only = true};
    rows.for_each(reads,
                  [&](const domain::Attendee& attendee) { writer->row(columns.cells(attendee)); });
    writer->finish();
}

}  // namespace

Runner add_list_attendees(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("--status", options->status,
                       "Only registered, waitlisted or cancelled registrations");
    command.add_option("--language", options->language, "Only this preferred language");
    command.add_flag("--checked-in", options->checked_in, "Only people who checked in");
    command.add_flag("--not-checked-in", options->not_checked_in,
                     "Only people who did not check in");
    command.add_option("--reply", options->reply,
                       "Only people whose answer is accepted, declined, tentative, delegated or "
                       "none (no reply); the registered unless --status says otherwise");
    command.add_option(
        "--fields", options->fields,
        "Columns to show, in order: id,name,email,…, custom fields by name, and "
        "attended_minutes, and sent_method,sent_sequence,sent_at,reply from the ledger");
    command.add_flag("--no-header", options->no_header, "Rows only (table, tsv, csv)");
    command.add_flag("--wide", options->wide, "table: every column whole, however wide");
    command.add_flag("--excel", options->excel,
                     "CSV for Excel in any locale: UTF-8 with a byte order mark, --delimiter");
    command.add_option("--delimiter", options->delimiter,
                       "CSV separator: ',' (default) ';' or "
                       "tab");
    command.add_flag("--raw", options->raw,
                     "Leave cells starting with = + - @ as they are (csv, tsv); by default a ' "
                     "goes before them so that spreadsheets run no formula");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
