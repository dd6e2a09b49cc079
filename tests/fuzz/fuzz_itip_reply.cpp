// libFuzzer: any bytes as an attendee's reply (an .ics or a whole e-mail). A reply, or a
// BadInputError; never a crash, a leak or a reply without what recording it needs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "convene/error.hpp"
#include "convene/io/itip_reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    try {
        const auto reply = io::parse_reply(input, "fuzz");
        if (reply.uid.empty()) std::abort();
        if (reply.partstat != "ACCEPTED" && reply.partstat != "DECLINED" &&
            reply.partstat != "TENTATIVE" && reply.partstat != "DELEGATED") {
            std::abort();
        }
        if (reply.stamp == domain::Instant{}) std::abort();  // DTSTAMP is required
    } catch (const BadInputError&) {
    }
    return 0;
}
