// convene send EVENT [--dry-run|--plan]: e-mail each person what the ledger says they are owed.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/send.hpp"
#include "convene/error.hpp"
#include "convene/text/plural.hpp"
#include "invitation_settings.hpp"
#include "progress_line.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    bool dry_run{false};
    std::vector<std::string> reminders;
};

void print_plan(const app::SendOutcome& outcome, Context& context) {
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"email", output::ColumnType::text},
                                           {"name", output::ColumnType::text},
                                           {"method", output::ColumnType::text},
                                           {"sequence", output::ColumnType::integer},
                                           {"reason", output::ColumnType::text}},
                                          context.writer_options(false, false));
    for (const auto& planned : outcome.plan) {
        const std::string reason = domain::describe(planned.owed);
        writer->row({output::Cell(planned.email), output::Cell(planned.name),
                     output::Cell(domain::to_string(planned.owed.method)),
                     output::Cell(planned.owed.sequence), output::Cell(reason)});
    }
    writer->finish();
}

app::MailSettings mail_settings(Context& context) {
    const auto& config = context.config();
    return {.sendmail = config.mail_sendmail,
            .smtp = {.url = config.mail_smtp_url,
                     .user = config.mail_smtp_user,
                     .password = config.mail_smtp_password},
            .timeout = config.mail_timeout};
}

void run(const Options& options, Context& context) {
    // Before anything else: nothing can go out without an organiser.
    app::SendRequest request{.event = options.event,
                             .dry_run = options.dry_run,
                             .reminders = reminders(context, options.reminders),
                             .messages = message_settings(context, true),
                             .mail = mail_settings(context)};
    ProgressLine progress(context, "messages");
    const auto outcome = app::send(
        context.database(), request, [&context] { return context.now(); }, progress);
    progress.clear();
    const auto& slug = outcome.event.slug;
    if (options.dry_run) {
        print_plan(outcome, context);
        context.note(fmt::format("{} to send for {}; nothing was sent",
                                 text::count_of(outcome.plan.size(), "message"), slug));
        return;
    }
    if (outcome.plan.empty()) {
        context.note(fmt::format("nothing to send for {}: everyone has the latest", slug));
        return;
    }
    const auto& result = outcome.result;
    context.note(fmt::format("sent {} and {} for {}", text::count_of(result.requests, "invitation"),
                             text::count_of(result.cancellations, "cancellation"), slug));
    std::size_t permanent = 0;
    for (const auto& failure : result.failures) {
        permanent += failure.permanent ? 1 : 0;
        context.warn(fmt::format("not sent to {} ({}): {}", failure.message.email,
                                 failure.permanent ? "refused for good" : "refused for now",
                                 failure.reason));
    }
    if (result.failures.empty()) return;
    const auto temporary = result.failures.size() - permanent;
    throw DeliveryError(
        fmt::format("the mail system did not accept {} of {} ({} for good, {} for now)",
                    result.failures.size(), text::count_of(outcome.plan.size(), "message"),
                    permanent, temporary),
        temporary == 0 ? std::string("the addresses refused for good need correcting "
                                     "(convene register --on-duplicate update, or unregister); "
                                     "sending again will not help")
        : permanent == 0
            ? fmt::format("run convene send {} again later to retry them", slug)
            : fmt::format("run convene send {} again later for those refused for now; those "
                          "refused for good need a corrected address",
                          slug));
}

}  // namespace

Runner add_send(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_flag("--dry-run,--plan", options->dry_run,
                     "Print who would get what and why; send nothing");
    command.add_option("--reminder", options->reminders,
                       "Add an alarm this long before the start (1d, 2h, 30m); repeatable");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
