// libFuzzer: any text as a date, a date-time, an end or a duration. A value inside the
// documented ranges, or a problem; never an overflow (UBSan) or a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/domain/time.hpp"

namespace {

// "1d2h30m": what parse_duration reads, written from a duration, so that a value read back
// is compared with the value read first. convene itself never writes durations this way.
std::string written(std::chrono::seconds duration) {
    using namespace std::chrono;
    std::string out;
    const auto take = [&](seconds unit, char suffix) {
        if (duration >= unit) {
            out += fmt::format("{}{}", duration / unit, suffix);
            duration %= unit;
        }
    };
    take(hours{24}, 'd');
    take(hours{1}, 'h');
    take(minutes{1}, 'm');
    take(seconds{1}, 's');
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene::domain;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const auto& paris = **find_zone("Europe/Paris");
    if (const auto duration = parse_duration(text)) {
        if (*duration <= std::chrono::seconds{0} || *duration > k_max_duration) std::abort();
        const auto again = parse_duration(written(*duration));
        if (!again || *again != *duration) std::abort();
    }
    if (const auto day = parse_date(text); day && !within_years(*day)) std::abort();
    if (const auto start = parse_instant(text, paris)) {
        (void)format_iso_local(*start, paris);
        (void)parse_end(text, *start, paris);
    }
    return 0;
}
