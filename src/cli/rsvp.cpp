// convene rsvp EVENT [FILE]: record an attendee's iTIP REPLY (a .ics, or the whole e-mail).
#include <iterator>
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/rsvp.hpp"
#include "convene/io/input.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::string file{"-"};
};

std::string lowercase(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

void run(const Options& options, Context& context) {
    io::InputFile input(options.file);
    std::string text{std::istreambuf_iterator<char>(input.stream()),
                     std::istreambuf_iterator<char>()};
    const auto outcome = app::record_reply(
        {.event = options.event, .input = std::move(text),
         .source = io::display_name(options.file)},
        context);
    context.note(fmt::format("{} {} {}", outcome.registration.email,
                             lowercase(outcome.partstat), outcome.event.slug));
}

}  // namespace

Command add_rsvp(CLI::App& app) {
    auto* command = app.add_subcommand(
        "rsvp", "Record an attendee's reply to an invitation (an iTIP REPLY, .ics or e-mail)");
    auto options = std::make_shared<Options>();
    command->add_option("EVENT", options->event, "Event slug or id")->required();
    command->add_option("FILE", options->file, "The reply; - (the default) reads stdin");
    return {command, [options](Context& context) { run(*options, context); }};
}

}  // namespace convene::cli
