// convene list events: one row per event, by start time.
#include <memory>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/domain/time.hpp"

namespace convene::cli {

namespace {

struct Options {
    bool no_header{false};
    bool wide{false};
};

// Start and end as ISO 8601 in the event's own zone (with offset), or dates for all-day events.
std::pair<std::string, std::string> bounds(const domain::Event& event) {
    if (event.all_day) {
        return {domain::format_date(event.start_date), domain::format_date(event.end_date)};
    }
    const auto& zone = domain::known_zone(event.timezone);
    return {domain::format_iso_local(event.start, zone), domain::format_iso_local(event.end, zone)};
}

void run(const Options& options, Context& context) {
    auto& db = context.database();  // before the header: it may not exist
    using output::ColumnType;
    using output::Fit;
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"id", ColumnType::integer},
                                           {"slug", ColumnType::text, Fit::cut},
                                           {"title", ColumnType::text, Fit::cut},
                                           {"start"},
                                           {"end", ColumnType::text, Fit::hide},
                                           {"timezone", ColumnType::text, Fit::hide},
                                           {"status"},
                                           {"sequence", ColumnType::integer, Fit::hide},
                                           {"parent", ColumnType::text, Fit::hide},
                                           {"venue", ColumnType::text, Fit::hide},
                                           {"online_url", ColumnType::text, Fit::hide},
                                           {"capacity", ColumnType::integer, Fit::hide}},
                                          context.writer_options(options.no_header, options.wide));
    app::for_each_event(db, [&](const domain::Event& event, const std::string& parent) {
        const auto [start, end] = bounds(event);
        writer->row({event.id, event.slug, event.title, start, end, event.timezone,
                     domain::to_string(event.status), event.sequence, output::text_or_null(parent),
                     output::text_or_null(event.venue), output::text_or_null(event.online_url),
                     event.capacity});
    });
    writer->finish();
}

}  // namespace

Runner add_list_events(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_flag("--no-header", options->no_header, "Rows only (table, tsv, csv)");
    command.add_flag("--wide", options->wide, "table: every column whole, however wide");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
