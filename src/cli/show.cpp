// convene show EVENT: the event page (text, markdown, html or json) in the event's locale,
// with times in extra zones.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/event_page.hpp"
#include "convene/export/format.hpp"
#include "convene/export/ics_feed.hpp"
#include "convene/io/output_file.hpp"
#include "convene/text/suggest.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

namespace fs = std::filesystem;

// Paragraphs are wrapped to the terminal, but never wider than this: longer lines are hard
// to read, and a page piped to a file or an e-mail keeps this width.
constexpr std::size_t k_max_width = 100;

struct Options {
    std::string event;
    std::vector<std::string> zones;
    std::string output;
};

std::vector<std::string> page_zones(const domain::Event& event, const Options& options,
                                    Context& context) {
    std::vector<std::string> zones{event.timezone};
    auto add = [&](const std::string& zone) {
        flag_value(domain::find_zone(zone), "tz");
        if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
    };
    for (const auto& zone : options.zones) add(zone);
    for (const auto& zone : context.config().output_timezones) add(zone);
    return zones;
}

// The terminal's width (or $COLUMNS, as tables use), at most k_max_width; a file gets that.
std::size_t text_width(const Options& options, Context& context) {
    const bool to_file = !options.output.empty() && options.output != "-";
    const auto width = to_file ? 0 : context.table_width();
    return width == 0 ? k_max_width : std::min(width, k_max_width);
}

void write_page(std::ostream& out, output::PageFormat format, const page::EventPage& page) {
    if (format == output::PageFormat::json) {
        out << page::to_json(page).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
    } else if (format == output::PageFormat::markdown) {
        page::write_markdown(out, page);
    } else if (format == output::PageFormat::html) {
        page::write_html(out, page);
    } else {
        page::write_text(out, page);
    }
}

// The .ics beside an HTML page ("page.html" → "page.ics"), that its "add to calendar" link
// opens: the same calendar `export-ics EVENT` writes. Written, not yet committed.
void write_calendar(io::OutputFile& file, const page::EventPage& page, Context& context) {
    ics::FeedEntry entry;
    entry.event = page.event;
    entry.parent = page.parent;
    entry.agenda = page.agenda;
    ics::FeedOptions feed;
    feed.name = page.event.title;
    feed.stamp = context.now();
    feed.reminders = context.config().default_reminders;  // as export-ics without --reminder
    ics::write_feed(file.stream(), std::span<const ics::FeedEntry>(&entry, 1), feed);
}

void run(const Options& options, Context& context) {
    const auto format =
        context.options().format.empty()
            ? output::PageFormat::text
            : flag_value(output::parse_page_format(context.options().format), "format");
    auto view = app::event_view(context.database(), options.event);
    page::EventPage page;
    page.event = std::move(view.event);
    page.parent = std::move(view.parent);
    page.agenda = std::move(view.agenda);
    page.sessions = std::move(view.sessions);
    page.session_speakers = std::move(view.session_speakers);
    page.zones = page_zones(page.event, options, context);
    page.day_change = context.config().day_change;
    page.width = text_width(options, context);

    if (options.output.empty() || options.output == "-") {
        write_page(context.out(), format, page);
        return;
    }
    const fs::path target(options.output);
    const auto calendar_path = fs::path(target).replace_extension(".ics");
    if (format == output::PageFormat::html && calendar_path == target) {
        throw UsageError("-o: the HTML page would overwrite its own calendar",
                         "name the page FILE.html; its calendar is FILE.ics");
    }
    // The page's target is checked first (a folder, a device): a page that cannot be written
    // leaves no calendar beside it either. Both are committed once both are written.
    io::OutputFile file(target);
    std::optional<io::OutputFile> calendar;
    if (format == output::PageFormat::html) {
        calendar.emplace(calendar_path);
        write_calendar(*calendar, page, context);
        page.calendar_link = calendar_path.filename().string();
    }
    write_page(file.stream(), format, page);
    if (calendar) calendar->close();
    file.close();
    if (calendar) calendar->commit();
    file.commit();
}

}  // namespace

Runner add_show(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command
        .add_option("--tz,--timezone", options->zones, "Also show times in this zone (repeatable)")
        ->allow_extra_args(false);
    command.add_option("-o,--output", options->output,
                       "Write the page to FILE; with --format html also FILE's .ics beside it, "
                       "linked as \"add to calendar\"");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
