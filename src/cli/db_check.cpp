// convene db check [--format json]: the engine's integrity and convene's invariants (stored
// counts, waiting lists, the ledger, sequences, UIDs, agenda positions). One summary line and
// exit 0 when sound; each problem on a line and exit 6 otherwise.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command_setup.hpp"
#include "convene/app/database_check.hpp"
#include "convene/error.hpp"
#include "convene/text/plural.hpp"

namespace convene::cli {

namespace {

std::string summary(const app::CheckReport& report) {
    const auto& checked = report.checked;
    return fmt::format(
        "{}: {} ({}, {}, {}, {})", report.database,
        report.problems.empty() ? "no problem found"
                                : text::count_of(report.problems.size(), "problem"),
        text::count_of(static_cast<std::size_t>(checked.events), "event"),
        text::count_of(static_cast<std::size_t>(checked.agenda_items), "agenda item"),
        text::count_of(static_cast<std::size_t>(checked.registrations), "registration"),
        text::count_of(static_cast<std::size_t>(checked.messages), "sent message"));
}

void print_json(std::ostream& out, const app::CheckReport& report) {
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& problem : report.problems) {
        problems.push_back({{"invariant", problem.invariant}, {"detail", problem.detail}});
    }
    const nlohmann::ordered_json json{{"database", report.database},
                                      {"ok", report.problems.empty()},
                                      {"checked",
                                       {{"events", report.checked.events},
                                        {"agenda_items", report.checked.agenda_items},
                                        {"registrations", report.checked.registrations},
                                        {"sent_messages", report.checked.messages}}},
                                      {"problems", problems}};
    out << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void run(Context& context) {
    const auto& format = context.options().format;
    if (!format.empty() && format != "text" && format != "json") {
        throw UsageError(fmt::format("db check prints text or json, not '{}'", format));
    }
    const auto report = app::check_database(context.database());
    if (format == "json") {
        print_json(context.out(), report);
    } else {
        for (const auto& problem : report.problems) {
            context.out() << problem.invariant << ": " << problem.detail << '\n';
        }
        if (report.problems.empty()) context.out() << summary(report) << '\n';
    }
    if (!report.problems.empty()) {
        throw StorageError(summary(report),
                           "restore it from a backup; if convene made these, please report it");
    }
}

}  // namespace

Runner add_db_check(CLI::App& /*command*/) {
    return [](Context& context) { run(context); };
}

}  // namespace convene::cli
