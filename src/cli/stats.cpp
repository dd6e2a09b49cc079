// convene stats EVENT: the counts an organiser books rooms and interpreters by, as one list
// (figure, value, count) in any list format: seats (capacity, taken, free), waiting,
// cancelled, checked in, attended online (checked in from a meeting's report), then the registered
// per language, per organisation and per reply to the invitation (accepted, declined,
// tentative, none: the same people `list attendees --reply` shows).
#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "command_setup.hpp"
#include "convene/app/attendee_rows.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    bool no_header{false};
};

// The registered by their answer, every kind always (a script reads a fixed set of rows) but
// delegated, which few calendars send: shown only when someone did. They add up to `taken`.
void reply_rows(output::RowWriter& writer, const store::ReplyCounts& replies) {
    const auto row = [&](domain::ReplyKind kind, std::int64_t count) {
        writer.row({"reply", domain::to_string(kind), count});
    };
    row(domain::ReplyKind::accepted, replies.accepted);
    row(domain::ReplyKind::declined, replies.declined);
    row(domain::ReplyKind::tentative, replies.tentative);
    if (replies.delegated > 0) row(domain::ReplyKind::delegated, replies.delegated);
    row(domain::ReplyKind::none, replies.none);
}

void run(const Options& options, Context& context) {
    auto rows = app::attendee_rows(context.database(), options.event);
    const auto& event = rows.event();
    const auto counts = rows.counts();

    output::WriterOptions writing;
    writing.no_header = options.no_header;
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"figure", output::ColumnType::text},
                                           {"value", output::ColumnType::text},
                                           {"count", output::ColumnType::integer}},
                                          std::move(writing));
    // Without a capacity there is no number of seats, nor of free ones: null, not a guess.
    std::optional<std::int64_t> free;
    if (event.capacity) free = std::max<std::int64_t>(0, *event.capacity - counts.registered);
    writer->row({"capacity", nullptr, output::Cell(event.capacity)});
    writer->row({"taken", nullptr, counts.registered});
    writer->row({"free", nullptr, output::Cell(free)});
    writer->row({"waiting", nullptr, counts.waitlisted});
    writer->row({"cancelled", nullptr, counts.cancelled});
    writer->row({"checked_in", nullptr, counts.checked_in});
    writer->row({"attended", nullptr, counts.attended});
    // An empty language or organisation is "none given": null, as everywhere else.
    const auto groups = [&](const char* figure, const auto& by) {
        for (const auto& [value, count] : by) {
            writer->row({figure, value.empty() ? output::Cell() : output::Cell(value), count});
        }
    };
    groups("language", counts.by_language);
    groups("organisation", counts.by_organisation);
    reply_rows(*writer, counts.replies);
    writer->finish();
}

}  // namespace

Runner add_stats(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_flag("--no-header", options->no_header, "Rows only (table, tsv, csv)");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
