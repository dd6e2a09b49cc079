// libFuzzer: any bytes as a TOML event file, read and then applied by the rules as
// app::check_event_file does (the fuzz build has no app layer). An event (that the rules
// accept) or a BadInputError naming the file; never a crash or a stack overflow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "convene/domain/agenda_input.hpp"
#include "convene/domain/event_input.hpp"
#include "convene/error.hpp"
#include "convene/io/event_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto file = convene::io::parse_event_file(text, "fuzz.toml");
        convene::domain::Event event;
        if (auto problem = convene::domain::apply(file.event, event, {"UTC", "en"})) {
            file.fail(*problem);
        }
        for (const auto& input : file.agenda) {
            convene::domain::AgendaItem item;
            if (auto problem = convene::domain::apply(input, item, event)) file.fail(*problem);
        }
        if (event.title.empty()) std::abort();
    } catch (const convene::BadInputError& error) {
        if (std::string_view(error.what()).substr(0, 9) != "fuzz.toml") std::abort();
    }
    return 0;
}
