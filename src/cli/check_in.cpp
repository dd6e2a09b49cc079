// convene check-in EVENT EMAIL|ID [--undo]: record (or clear) a person's arrival.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/event_write.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::string who;
    bool undo{false};
};

void run(const Options& options, Context& context) {
    app::EventWrite write(context.database(), options.event);
    const auto& event = write.event;
    store::RegistrationStore registrations(context.database());
    const auto person = registrations.get(event.id, options.who);
    const auto& zone = domain::known_zone(event.timezone);

    if (options.undo) {
        if (!person.checked_in_at) {
            context.note(fmt::format("{} was not checked in", person.email));
            return;
        }
        registrations.set_checked_in(person.id, std::nullopt);
        write.transaction.commit();
        context.note(fmt::format("cleared the check-in of {}", person.email));
        return;
    }
    if (person.status == domain::RegistrationStatus::cancelled) {
        throw ConflictError(fmt::format("the registration of {} is cancelled", person.email),
                            "register the person again first");
    }
    if (person.checked_in_at) {
        // The first arrival is the one that counts; a second scan at the door changes nothing.
        context.note(fmt::format("{} checked in already at {}", person.email,
                                 domain::format_iso_local(*person.checked_in_at, zone)));
        return;
    }
    if (person.status == domain::RegistrationStatus::waitlisted) {
        context.warn(fmt::format("{} is on the waiting list, not registered", person.email));
    }
    const auto now = context.now();
    registrations.set_checked_in(person.id, now);
    write.transaction.commit();
    context.note(
        fmt::format("checked in {} at {}", person.email, domain::format_iso_local(now, zone)));
}

}  // namespace

Command add_check_in(CLI::App& app) {
    auto* command = app.add_subcommand("check-in", "Record that a registered person arrived");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command->add_option("WHO", options->who, "Email or registration id")->required();
    command->add_flag("--undo", options->undo, "Clear the check-in instead");
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
