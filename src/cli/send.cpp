// convene send EVENT [--dry-run|--plan]: e-mail each person what the ledger says they are owed.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/send.hpp"
#include "convene/delivery_error.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    bool dry_run{false};
    std::vector<std::string> reminders;
};

constexpr std::size_t k_progress_every = 10;

void print_plan(const app::SendOutcome& outcome, Context& context) {
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"email", output::ColumnType::text},
                                           {"name", output::ColumnType::text},
                                           {"method", output::ColumnType::text},
                                           {"sequence", output::ColumnType::integer},
                                           {"reason", output::ColumnType::text}});
    for (const auto& planned : outcome.plan) {
        const std::string reason = domain::describe(planned.owed);
        writer->row({output::Cell(planned.email), output::Cell(planned.name),
                     output::Cell(domain::to_string(planned.owed.method)),
                     output::Cell(planned.owed.sequence), output::Cell(reason)});
    }
    writer->finish();
}

void run(const Options& options, Context& context) {
    const bool show_progress = context.stderr_is_terminal() && !context.options().quiet;
    auto progress = [&](std::size_t done, std::size_t total) {
        if (show_progress && (done % k_progress_every == 0 || done == total)) {
            context.err() << fmt::format("\rconvene: sent {}/{}…", done, total) << std::flush;
        }
    };
    app::SendRequest request{.event = options.event, .dry_run = options.dry_run, .reminders = {}};
    for (const auto& text : options.reminders) {
        request.reminders.push_back(domain::parse_duration(text));
    }
    const auto outcome = app::send(request, context, progress);
    if (options.dry_run) {
        print_plan(outcome, context);
        context.note(fmt::format("{} message(s) to send for {}; nothing was sent",
                                 outcome.plan.size(), outcome.event.slug));
        return;
    }
    if (show_progress && !outcome.plan.empty()) context.err() << "\r\033[K" << std::flush;
    const auto& result = outcome.result;
    if (outcome.plan.empty()) {
        context.note(fmt::format("nothing to send for {}: everyone has the latest",
                                 outcome.event.slug));
        return;
    }
    context.note(fmt::format("sent {} invitation(s) and {} cancellation(s) for {}",
                             result.requests, result.cancellations, outcome.event.slug));
    for (const auto& failure : result.failures) {
        context.warn(fmt::format("not sent to {}: {}", failure.message.email, failure.reason));
    }
    if (!result.failures.empty()) {
        throw DeliveryError(
            fmt::format("{} of {} message(s) were not accepted by the mail system",
                        result.failures.size(), outcome.plan.size()),
            fmt::format("run convene send {} again to retry them", outcome.event.slug));
    }
}

}  // namespace

Command add_send(CLI::App& app) {
    auto* command = app.add_subcommand(
        "send", "E-mail invitations and cancellations that people have not received yet");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command->add_flag("--dry-run,--plan", options->dry_run,
                      "Print who would get what and why; send nothing");
    command->add_option("--reminder", options->reminders,
                        "Add an alarm this long before the start (1d, 2h, 30m); repeatable");
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
