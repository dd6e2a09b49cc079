// convene forget EVENT EMAIL|ID, convene forget --all-events EMAIL: erase a person's
// registrations (a data-protection request), not only cancel them.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/forget.hpp"
#include "convene/error.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::vector<std::string> words;
    bool all_events{false};
};

void run(const Options& options, Context& context) {
    app::ForgetRequest request;
    if (options.all_events) {
        if (options.words.size() != 1) {
            throw UsageError("--all-events takes one email", "convene forget --all-events EMAIL");
        }
        request.email = options.words.front();
    } else {
        if (options.words.size() != 2) {
            throw UsageError("name the event and the person, or give --all-events",
                             "convene forget EVENT EMAIL, or convene forget --all-events EMAIL");
        }
        request.event = options.words[0];
        request.email = options.words[1];
    }
    // On stdout, before the commit: the record of what a data-protection request removed.
    const auto print = [&](const std::vector<app::Erased>& erased) {
        for (const auto& entry : erased) {
            context.out() << fmt::format("erased registration {} from {} ({} custom field(s))\n",
                                         entry.registration_id, entry.event_slug,
                                         entry.custom_fields);
        }
        context.flush_output();
    };
    for (const auto& entry : app::forget(context.database(), request, context.now(), print)) {
        for (const auto& person : entry.promoted) {
            context.note(fmt::format("promoted {} <{}> (id {}) from the waiting list of {}",
                                     person.name, person.email, person.id, entry.event_slug));
        }
    }
}

}  // namespace

Runner add_forget(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command
        .add_option("EVENT EMAIL", options->words,
                    "Event slug or id and the person's email or registration id (convene "
                    "forget --all-events EMAIL: the email alone)")
        ->expected(1, 2)
        ->required();
    command.add_flag("--all-events", options->all_events, "Erase the person from every event");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
