// convene rsvp EVENT [FILE]: record an attendee's iTIP REPLY (a .ics, or the whole e-mail).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/app/rsvp.hpp"
#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/text/strings.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::string file{"-"};
};

// The whole reply, read in bounded pieces: /dev/zero or a huge file must not fill memory.
std::string read_reply(io::InputFile& input) {
    std::string text;
    char buffer[64 * 1024];
    while (input.stream().read(buffer, sizeof buffer) || input.stream().gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(input.stream().gcount()));
        if (text.size() > domain::k_max_reply_bytes) {
            throw BadInputError(fmt::format("{}: a reply is at most {} MiB",
                                            io::display_name(input.path()),
                                            domain::k_max_reply_bytes / (1024 * 1024)));
        }
    }
    return text;
}

void run(const Options& options, Context& context) {
    io::InputFile input(options.file);
    std::string text = read_reply(input);
    const auto outcome =
        app::record_reply(context.database(), {.event = options.event,
                                               .input = std::move(text),
                                               .source = io::display_name(options.file),
                                               .received_at = context.now()});
    context.note(fmt::format("{} {} {}", outcome.registration.email,
                             text::lowercase_ascii(outcome.partstat), outcome.event.slug));
}

}  // namespace

Runner add_rsvp(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("FILE", options->file, "The reply; - (the default) reads stdin");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
