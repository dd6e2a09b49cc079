// libFuzzer: any bytes as a frab/pretalx schedule (XML or JSON), as import-schedule reads it.
// A schedule whose talks each have a guid, a title and a positive duration, or a BadInputError
// naming the file; never a crash, another exception or a stack overflow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "convene/error.hpp"
#include "convene/io/schedule_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto schedule = convene::io::read_schedule(bytes, "fuzz.xml");
        if (schedule.title.empty() || schedule.end < schedule.start) std::abort();
        for (const auto& talk : schedule.talks) {
            if (talk.guid.empty() || talk.title.empty() || talk.duration.count() <= 0) std::abort();
        }
    } catch (const convene::BadInputError& error) {
        if (std::string_view(error.what()).substr(0, 8) != "fuzz.xml") std::abort();
    }
    return 0;
}
