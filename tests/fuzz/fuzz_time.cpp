// libFuzzer: any text as a date, a date-time, an end or a duration. A value inside the
// documented ranges, or a problem; never an overflow (UBSan) or a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "convene/domain/limits.hpp"
#include "convene/domain/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene::domain;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const auto& paris = **find_zone("Europe/Paris");
    if (const auto duration = parse_duration(text)) {
        if (*duration <= std::chrono::seconds{0} || *duration > k_max_duration) std::abort();
        const auto again = parse_duration(format_duration(*duration));
        if (!again || *again != *duration) std::abort();
    }
    if (const auto day = parse_date(text); day && !within_years(*day)) std::abort();
    if (const auto start = parse_instant(text, paris)) {
        (void)format_iso_local(*start, paris);
        (void)parse_end(text, *start, paris);
    }
    return 0;
}
