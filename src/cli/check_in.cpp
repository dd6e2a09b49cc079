// convene check-in EVENT EMAIL|ID [--undo]: record (or clear) a person's arrival.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_changes.hpp"
#include "convene/domain/time.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::string who;
    bool undo{false};
};

void run(const Options& options, Context& context) {
    const auto result =
        app::check_in(context.database(), options.event, options.who, options.undo, context.now());
    const auto& person = result.registration;
    const auto& zone = domain::known_zone(result.event.timezone);
    switch (result.outcome) {
        case app::CheckIn::was_not_checked:
            context.note(fmt::format("{} was not checked in", person.email));
            return;
        case app::CheckIn::cleared:
            context.note(fmt::format("cleared the check-in of {}", person.email));
            return;
        case app::CheckIn::already:
            context.note(fmt::format("{} checked in already at {}", person.email,
                                     domain::format_iso_local(*person.checked_in_at, zone)));
            return;
        case app::CheckIn::recorded:
            if (person.status == domain::RegistrationStatus::waitlisted) {
                context.warn(
                    fmt::format("{} is on the waiting list, not registered", person.email));
            }
            context.note(fmt::format("checked in {} at {}", person.email,
                                     domain::format_iso_local(*person.checked_in_at, zone)));
            return;
    }
}

}  // namespace

Runner add_check_in(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("WHO", options->who, "Email or registration id")->required();
    command.add_flag("--undo", options->undo, "Clear the check-in instead");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
