// convene list agenda EVENT: one row per agenda item, in position order.
#include <memory>

#include <nlohmann/json.hpp>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/domain/time.hpp"
#include "convene/export/event_page.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    bool no_header{false};
    bool wide{false};
};

struct Row {
    std::optional<std::string> start;
    std::optional<std::string> end;
    std::optional<std::int64_t> duration_minutes;
    nlohmann::ordered_json speaker_objects = nlohmann::ordered_json::array();  // keys in order
    std::vector<std::string> speaker_lines;
};

Row make_row(const domain::AgendaItem& item, const date::time_zone& zone) {
    Row row;
    if (item.start) {
        row.start = domain::format_iso_local(*item.start, zone);
        if (item.duration) row.end = domain::format_iso_local(*item.start + *item.duration, zone);
    }
    if (item.duration) row.duration_minutes = item.duration->count() / 60;
    for (const auto& s : item.speakers) {
        // Unset is null in JSON, as everywhere (see convene(1)).
        auto or_null = [](const std::string& text) {
            return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
        };
        row.speaker_objects.push_back({{"name", s.name},
                                       {"role", or_null(s.role)},
                                       {"organisation", or_null(s.organisation)}});
        row.speaker_lines.push_back(page::speaker_line(s));
    }
    return row;
}

void run(const Options& options, Context& context) {
    using output::ColumnType;
    using output::Fit;
    const auto view = app::event_view(context.database(), options.event);
    const auto& event = view.event;
    const auto& items = view.agenda;
    const auto format = context.output_format();
    // Programs get each speaker as an object; people and spreadsheets get "Name, Role, Org".
    const bool nested = format == output::Format::json || format == output::Format::jsonl;
    auto writer = output::make_row_writer(
        format, context.out(),
        {{"position", ColumnType::integer},
         {"start"},
         {"end", ColumnType::text, Fit::hide},
         {"duration_minutes", ColumnType::integer, Fit::hide},
         {"title", ColumnType::text, Fit::cut},
         {"kind", ColumnType::text, Fit::hide},
         {"speakers", nested ? ColumnType::json : ColumnType::list, Fit::cut},
         {"points", ColumnType::list, Fit::cut}},
        context.writer_options(options.no_header, options.wide));
    const auto& zone = domain::known_zone(event.timezone);
    for (const auto& item : items) {
        const auto row = make_row(item, zone);
        writer->row({item.position, row.start, row.end, row.duration_minutes, item.title,
                     output::text_or_null(item.kind),
                     nested ? output::Cell(row.speaker_objects) : output::Cell(row.speaker_lines),
                     item.points});
    }
    writer->finish();
}

}  // namespace

Runner add_list_agenda(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_flag("--no-header", options->no_header, "Rows only (table, tsv, csv)");
    command.add_flag("--wide", options->wide, "table: every column whole, however wide");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
