// libFuzzer: any text as a date, a date-time, an end or a duration. A value inside the
// documented ranges, or a UsageError; never an overflow (UBSan) or a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "convene/domain/limits.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene::domain;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const auto& paris = find_zone("Europe/Paris");
    try {
        const auto duration = parse_duration(text);
        if (duration <= std::chrono::seconds{0} || duration > k_max_duration) std::abort();
        if (parse_duration(format_duration(duration)) != duration) std::abort();
    } catch (const convene::UsageError&) {
    }
    try {
        if (!within_years(parse_date(text))) std::abort();
    } catch (const convene::UsageError&) {
    }
    try {
        const auto start = parse_instant(text, paris);
        (void)format_iso_local(start, paris);
        (void)parse_end(text, start, paris);
    } catch (const convene::UsageError&) {
    }
    return 0;
}
