// libFuzzer: any bytes as a CSV file. Either records or a BadInputError; never a crash, a
// leak, undefined behaviour, or a record past the bounds the reader promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        convene::io::CsvReader reader(in, "fuzz.csv");
        if (reader.header().size() > convene::domain::k_max_columns) std::abort();
        convene::io::CsvRecord record;
        while (reader.next(record)) {
            if (record.fields.size() != reader.header().size()) std::abort();
        }
    } catch (const convene::Error&) {
    }
    return 0;
}
