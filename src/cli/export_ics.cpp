// convene export-ics: the calendar to import or subscribe to (EVENT… | --all), or the
// invitations of one event's registered people (--invitations DIR | --attendee EMAIL).
#include <algorithm>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_reads.hpp"
#include "convene/app/invitations.hpp"
#include "convene/error.hpp"
#include "convene/export/ics_feed.hpp"
#include "convene/io/output_file.hpp"
#include "convene/text/plural.hpp"
#include "invitation_settings.hpp"
#include "not_empty.hpp"
#include "progress_line.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::vector<std::string> events;
    bool all{false};
    std::string output;
    bool with_agenda{false};
    bool eml{false};                     // --eml: invitations as whole e-mails
    std::vector<std::string> reminders;  // --reminder 1d, repeatable
    app::InvitationRequest invitations;
};

void write_feed(const Options& options, Context& context) {
    const auto entries = app::calendar_entries(context.database(), options.events, options.all);
    ics::FeedOptions feed;
    feed.name = ics::feed_name(entries, context.config().organiser_name);
    feed.stamp = context.now();
    feed.with_agenda = options.with_agenda;
    feed.reminders = reminders(context, options.reminders);

    if (options.output.empty() || options.output == "-") {
        ics::write_feed(context.out(), entries, feed);
        return;
    }
    io::OutputFile file(options.output);
    ics::write_feed(file.stream(), entries, feed);
    file.commit();
    context.note(
        fmt::format("wrote {} to {}", text::count_of(entries.size(), "event"), options.output));
}

void check(const Options& options) {
    const auto& invitations = options.invitations;
    const bool inviting = !invitations.folder.empty() || !invitations.attendee.empty();
    if (!inviting) {
        if (options.all == !options.events.empty()) {
            throw UsageError("name the events to export, or give --all",
                             "convene export-ics EVENT… or --all");
        }
        if (options.eml) throw UsageError("--eml needs --invitations DIR or --attendee EMAIL");
        return;
    }
    if (!invitations.folder.empty() && !invitations.attendee.empty()) {
        throw UsageError("give --invitations DIR or --attendee EMAIL, not both");
    }
    if (options.all || options.events.size() != 1) {
        throw UsageError("invitations are for one event",
                         "convene export-ics EVENT --invitations DIR");
    }
    // One UID per invitation (Apple refuses more), so agenda items cannot come along.
    if (options.with_agenda) {
        throw UsageError("--with-agenda is for calendar files, not invitations");
    }
    if (!invitations.folder.empty() && !options.output.empty()) {
        throw UsageError("--invitations writes one file per person into DIR; -o is for one file");
    }
}

void write_invitations(Options& options, Context& context) {
    const auto entries = app::calendar_entries(context.database(), options.events, options.all);
    const auto& entry = entries.front();
    auto& request = options.invitations;
    request.output = options.output;
    request.messages = message_settings(context, options.eml);
    const auto alarms = reminders(context, options.reminders);
    const ics::EventDetails details{.parent = entry.parent ? &*entry.parent : nullptr,
                                    .agenda = entry.agenda,
                                    .reminders = alarms};
    ProgressLine progress(context, "messages");
    const auto summary = app::write_invitations(context.database(), request, entry.event, details,
                                                context.out(), progress);
    progress.clear();
    if (!request.folder.empty()) {
        context.note(
            fmt::format("wrote {} and {} to {}", text::count_of(summary.requests, "invitation"),
                        text::count_of(summary.cancellations, "cancellation"), request.folder));
    }
}

void run(Options options, Context& context) {
    check(options);
    if (options.invitations.folder.empty() && options.invitations.attendee.empty()) {
        write_feed(options, context);
        return;
    }
    write_invitations(options, context);
}

}  // namespace

Runner add_export_ics(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->events, "Event slugs or ids");
    command.add_flag("--all", options->all, "Export every event");
    command
        .add_option("-o,--output", options->output, "Write to FILE (atomically) instead of stdout")
        ->check(not_empty());
    command.add_flag("--with-agenda", options->with_agenda, "Add a VEVENT per timed agenda item");
    command.add_option("--reminder", options->reminders,
                       "Add an alarm this long before the start (1d, 2h, 30m); repeatable");
    command
        .add_option("--invitations", options->invitations.folder,
                    "Write an invitation per registered person into DIR")
        ->check(not_empty());
    command.add_option("--attendee", options->invitations.attendee,
                       "Write the invitation of one registered person (by email)");
    command.add_flag("--eml", options->eml, "Write invitations as e-mails for sendmail -t");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
