// libFuzzer: any bytes as a JSONL file. Objects or a BadInputError, and every number that
// comes through is exact (an integer, or a float below 2^53).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "convene/error.hpp"
#include "convene/io/jsonl_reader.hpp"

namespace {

void check_exact(const nlohmann::ordered_json& value) {
    if (value.is_number_float() && !(std::fabs(value.get<double>()) < 9007199254740992.0)) {
        std::abort();
    }
    if (value.is_structured()) {
        for (const auto& element : value) check_exact(element);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        convene::io::JsonlReader reader(in, "fuzz.jsonl");
        convene::io::JsonlRecord record;
        while (reader.next(record)) {
            if (!record.object.is_object()) std::abort();
            check_exact(record.object);
        }
    } catch (const convene::Error&) {
    }
    return 0;
}
