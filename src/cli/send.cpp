// convene send EVENT [--dry-run|--plan] [--reminder 1d]: e-mail each person what the ledger says
// they are owed, then the reminders that are due.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_setup.hpp"
#include "convene/app/send.hpp"
#include "convene/domain/reminder.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/text/plural.hpp"
#include "invitation_settings.hpp"
#include "progress_line.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    bool dry_run{false};
    bool retry_failed{false};
    std::vector<std::string> reminders;  // reminder e-mails
    std::vector<std::string> alarms;     // VALARMs in the invitations
};

// What the last attempt at a message came to, for the plan and the warnings.
std::string attempt_text(const store::DeliveryAttempt& attempt) {
    const auto when = domain::format_utc(attempt.attempted_at);
    switch (attempt.outcome) {
        case store::AttemptOutcome::pending:
            return fmt::format("in doubt: handed to the mail system at {}, never recorded as sent",
                               when);
        case store::AttemptOutcome::permanent:
            return fmt::format("refused for good at {}: {}", when, attempt.reason);
        case store::AttemptOutcome::temporary:
            return fmt::format("refused for now at {}: {}", when, attempt.reason);
    }
    return {};
}

std::string plan_reason(const app::PlannedMessage& planned) {
    std::string reason = domain::describe(planned.owed);
    if (planned.attempt) reason += "; last try " + attempt_text(*planned.attempt);
    if (planned.held_back) reason += "; held back (--retry-failed sends it)";
    return reason;
}

void print_plan(const app::SendOutcome& outcome, Context& context) {
    auto writer = output::make_row_writer(context.output_format(), context.out(),
                                          {{"email", output::ColumnType::text},
                                           {"name", output::ColumnType::text},
                                           {"method", output::ColumnType::text},
                                           {"sequence", output::ColumnType::integer},
                                           {"reason", output::ColumnType::text}},
                                          context.writer_options(false, false));
    for (const auto& planned : outcome.plan) {
        writer->row({output::Cell(planned.email), output::Cell(planned.name),
                     output::Cell(domain::to_string(planned.owed.method)),
                     output::Cell(planned.owed.sequence), output::Cell(plan_reason(planned))});
    }
    // A reminder carries no calendar, so no SEQUENCE.
    for (const auto& planned : outcome.reminders.due) {
        writer->row({output::Cell(planned.email), output::Cell(planned.name),
                     output::Cell("REMINDER"), output::Cell(),
                     output::Cell(fmt::format("reminder {}", planned.reminder))});
    }
    writer->finish();
}

// "reminder 1d: due from 2022-04-12 15:00 Europe/Paris" for each reminder not due yet (the
// time in the event's zone, as organisers think of it), or too late for.
void note_reminder_windows(const app::SendOutcome& outcome, Context& context) {
    const auto& event = outcome.event;
    for (const auto& window : outcome.reminders.windows) {
        if (window.state == domain::ReminderState::not_yet) {
            const auto local =
                domain::to_local(window.due_from, domain::known_zone(event.timezone));
            context.note(fmt::format("reminder {}: due from {} {} {}", window.key,
                                     domain::format_date(local.day),
                                     date::format("%H:%M", local.time_of_day), event.timezone));
        } else if (window.state == domain::ReminderState::past) {
            context.note(fmt::format(
                "reminder {}: too late, {} has {}", window.key, event.slug,
                event.status == domain::EventStatus::cancelled ? "been cancelled" : "started"));
        }
    }
}

app::MailSettings mail_settings(Context& context) {
    const auto& config = context.config();
    return {.sendmail = config.mail_sendmail,
            .smtp = {.url = config.mail_smtp_url,
                     .user = config.mail_smtp_user,
                     .password = config.mail_smtp_password,
                     .ca_file = config.mail_smtp_ca_file.string()},
            .timeout = config.mail_timeout};
}

struct Refused {
    std::string email;
    std::string reason;
    bool permanent{false};
};

// What went out, then what the mail system refused (invitations and reminders alike).
void report_sent(const app::SendOutcome& outcome, Context& context) {
    const auto& slug = outcome.event.slug;
    const auto& result = outcome.result;
    std::vector<std::string> sent;
    if (result.requests + result.cancellations > 0 || outcome.reminders.due.empty()) {
        sent.push_back(fmt::format("{} and {}", text::count_of(result.requests, "invitation"),
                                   text::count_of(result.cancellations, "cancellation")));
    }
    if (!outcome.reminders.due.empty()) {
        sent.push_back(text::count_of(outcome.reminder_result.sent, "reminder"));
    }
    context.note(fmt::format("sent {} for {}", fmt::join(sent, ", "), slug));
    std::vector<Refused> refused;
    for (const auto& failure : result.failures) {
        refused.push_back({failure.message.email, failure.reason, failure.permanent});
    }
    for (const auto& failure : outcome.reminder_result.failures) {
        refused.push_back({failure.reminder.email, failure.reason, failure.permanent});
    }
    std::size_t permanent = 0;
    for (const auto& failure : refused) {
        permanent += failure.permanent ? 1 : 0;
        context.warn(fmt::format("not sent to {} ({}): {}", failure.email,
                                 failure.permanent ? "refused for good" : "refused for now",
                                 failure.reason));
    }
    if (refused.empty()) return;
    const auto temporary = refused.size() - permanent;
    const auto total = outcome.plan.size() + outcome.reminders.due.size();
    throw DeliveryError(
        fmt::format("the mail system did not accept {} of {} ({} for good, {} for now)",
                    refused.size(), text::count_of(total, "message"), permanent, temporary),
        temporary == 0 ? std::string("the addresses refused for good need correcting "
                                     "(convene register --on-duplicate update, or unregister); "
                                     "sending again will not help")
        : permanent == 0
            ? fmt::format("run convene send {} again later to retry them", slug)
            : fmt::format("run convene send {} again later for those refused for now; those "
                          "refused for good need a corrected address",
                          slug));
}

void run(const Options& options, Context& context) {
    // Before anything else: nothing can go out without an organiser.
    app::SendRequest request{
        .event = options.event,
        .dry_run = options.dry_run,
        .retry_failed = options.retry_failed,
        .alarms = durations(options.alarms, "alarm", context.config().default_reminders),
        .reminders = durations(options.reminders, "reminder", context.config().send_reminders),
        .messages = message_settings(context, true),
        .mail = mail_settings(context)};
    ProgressLine progress(context, "messages");
    const auto outcome = app::send(
        context.database(), request, [&context] { return context.now(); }, progress);
    progress.clear();
    if (const auto& unrecorded = outcome.result.unrecorded) {
        throw StorageError(fmt::format("the mail system accepted the message to {}, but the ledger "
                                       "could not record it: {}",
                                       unrecorded->recipient, unrecorded->why),
                           "it is marked as in doubt: convene send will not send it again unless "
                           "told to with --retry-failed");
    }
    const auto& slug = outcome.event.slug;
    const auto held = static_cast<std::size_t>(
        std::count_if(outcome.plan.begin(), outcome.plan.end(),
                      [](const app::PlannedMessage& planned) { return planned.held_back; }));
    note_reminder_windows(outcome, context);
    const auto reminders = outcome.reminders.due.size();
    if (options.dry_run) {
        print_plan(outcome, context);
        context.note(fmt::format("{} to send for {}{}; nothing was sent",
                                 text::count_of(outcome.plan.size() - held + reminders, "message"),
                                 slug,
                                 held == 0 ? std::string() : fmt::format(", {} held back", held)));
        return;
    }
    // Held back: never sent twice nor again to an address refused for good, unless asked.
    for (const auto& planned : outcome.plan) {
        if (!planned.held_back) continue;
        context.warn(fmt::format("not sent to {}: {}; convene send --retry-failed sends it",
                                 planned.email, attempt_text(*planned.attempt)));
    }
    if (outcome.plan.size() == held && reminders == 0) {
        if (held == 0) {
            context.note(fmt::format("nothing to send for {}: everyone has the latest", slug));
        }
        return;
    }
    report_sent(outcome, context);
}

}  // namespace

Runner add_send(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_flag("--dry-run,--plan", options->dry_run,
                     "Print who would get what and why; send nothing");
    command.add_flag("--retry-failed", options->retry_failed,
                     "Also send what a mail system refused for good, or what a stopped run left "
                     "in doubt (it may have gone out)");
    command.add_option("--reminder", options->reminders,
                       "Send a reminder e-mail once the event starts within this long (1d, 2h, "
                       "30m), once per person; repeatable (default: send.reminders)");
    command.add_option("--alarm", options->alarms,
                       "Add an alarm this long before the start to the invitations (1d, 2h, 30m); "
                       "repeatable (default: defaults.reminders)");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
