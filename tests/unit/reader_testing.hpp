#pragma once
// Shared by the CSV and JSONL reader tests: read a whole text, or the error reading it gives.
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "convene/error.hpp"

namespace reader_testing {

template <typename Reader, typename Record>
std::vector<Record> read_all(Reader& reader) {
    std::vector<Record> records;
    Record record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

// The message of the BadInputError (exit 5) that reading `text` throws, or "no error".
template <typename Reader, typename Record>
std::string error_of(const std::string& text, std::string_view file_name) {
    std::istringstream in(text);
    try {
        Reader reader(in, file_name);
        read_all<Reader, Record>(reader);
    } catch (const convene::BadInputError& error) {
        CHECK(error.code() == convene::ExitCode::bad_input);
        return error.what();
    }
    return "no error";
}

}  // namespace reader_testing
