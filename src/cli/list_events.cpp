// convene list events: one row per event, by start time.
#include <algorithm>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/text/strings.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    bool no_header{false};
    bool wide{false};
    std::optional<std::string> parent;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> fields;
};

using output::ColumnType;
using output::Fit;
const std::vector<output::Column> k_columns{{"id", ColumnType::integer},
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
                                            {"capacity", ColumnType::integer, Fit::hide},
                                            {"room", ColumnType::text, Fit::hide},
                                            {"type", ColumnType::text, Fit::hide},
                                            {"track", ColumnType::text, Fit::hide}};

// --fields: the positions in k_columns of the columns named, in order, each once.
std::vector<std::size_t> chosen_columns(const Options& options) {
    std::vector<std::size_t> chosen;
    if (!options.fields) {
        for (std::size_t i = 0; i < k_columns.size(); ++i) chosen.push_back(i);
        return chosen;
    }
    for (const auto& name : text::split_list(*options.fields)) {
        const auto found = std::find_if(k_columns.begin(), k_columns.end(),
                                        [&](const output::Column& c) { return c.name == name; });
        if (found == k_columns.end()) {
            std::vector<std::string> names;
            for (const auto& column : k_columns) names.push_back(column.name);
            throw UsageError(fmt::format("--fields: no field '{}'", name),
                             fmt::format("the fields are {}", fmt::join(names, ",")));
        }
        const auto index = static_cast<std::size_t>(found - k_columns.begin());
        if (std::find(chosen.begin(), chosen.end(), index) != chosen.end()) {
            throw UsageError(fmt::format("--fields names '{}' twice", name));
        }
        chosen.push_back(index);
    }
    if (chosen.empty()) throw UsageError("--fields names no field");
    return chosen;
}

app::EventFilter make_filter(const Options& options) {
    app::EventFilter filter;
    filter.parent = options.parent;
    if (options.from) filter.from = flag_value(domain::parse_date(*options.from), "from");
    if (options.to) filter.to = flag_value(domain::parse_date(*options.to), "to");
    return filter;
}

// Start and end as ISO 8601 in the event's own zone (with offset), or dates for all-day events.
std::pair<std::string, std::string> bounds(const domain::Event& event) {
    if (event.all_day) {
        return {domain::format_date(event.start_date), domain::format_date(event.end_date)};
    }
    const auto& zone = domain::known_zone(event.timezone);
    return {domain::format_iso_local(event.start, zone), domain::format_iso_local(event.end, zone)};
}

void run(const Options& options, Context& context) {
    const auto chosen = chosen_columns(options);
    const auto filter = make_filter(options);
    auto& db = context.database();  // before the header: it may not exist
    std::vector<output::Column> columns;
    for (const auto index : chosen) columns.push_back(k_columns[index]);
    auto writer = output::make_row_writer(context.output_format(), context.out(), columns,
                                          context.writer_options(options.no_header, options.wide));
    std::vector<output::Cell> cells;
    app::for_each_event(
        db,
        [&](const domain::Event& event, const std::string& parent) {
            const auto [start, end] = bounds(event);
            const output::Cell all[] = {event.id,
                                        event.slug,
                                        event.title,
                                        start,
                                        end,
                                        event.timezone,
                                        domain::to_string(event.status),
                                        event.sequence,
                                        output::text_or_null(parent),
                                        output::text_or_null(event.venue),
                                        output::text_or_null(event.online_url),
                                        event.capacity,
                                        output::text_or_null(event.room),
                                        output::text_or_null(event.session_type),
                                        output::text_or_null(event.track)};
            cells.clear();
            for (const auto index : chosen) cells.push_back(all[index]);
            writer->row(cells);
        },
        filter);
    writer->finish();
}

}  // namespace

Runner add_list_events(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("--parent", options->parent, "Only the sessions of this event (slug or id)");
    command.add_option("--from", options->from, "Only events on or after this date (YYYY-MM-DD)");
    command.add_option("--to", options->to, "Only events on or before this date (YYYY-MM-DD)");
    command.add_option("--fields", options->fields,
                       "Columns to show, in order: id,slug,title,start,end,timezone,status,"
                       "sequence,parent,venue,online_url,capacity,room,type,track");
    command.add_flag("--no-header", options->no_header, "Rows only (table, tsv, csv)");
    command.add_flag("--wide", options->wide, "table: every column whole, however wide");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
