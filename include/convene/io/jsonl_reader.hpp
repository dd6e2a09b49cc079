#pragma once
// JSON Lines input for bulk imports (`register --jsonl FILE`): one JSON object per line, read
// one line at a time. Blank lines are skipped, a UTF-8 byte order mark on the first line and a
// CR before each LF are ignored. Objects keep the key order of the file, so custom fields come
// out in the order the organiser wrote them.
//
//   io::InputFile input(path);
//   io::JsonlReader reader(input.stream(), input.path());
//   io::JsonlRecord record;
//   while (reader.next(record)) { use(record.object, record.line); }
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace convene::io {

struct JsonlRecord {
    std::size_t line{0};  // 1-based line of the file
    nlohmann::ordered_json object;
};

class JsonlReader {
public:
    // `file_name` is how messages name the input ("-" is shown as "<stdin>").
    JsonlReader(std::istream& in, std::string_view file_name);

    // Fills `record` with the object of the next non-blank line and returns true, or returns
    // false at the end. Throws BadInputError "FILE:LINE: …" for invalid UTF-8, invalid JSON, or
    // JSON that is not an object.
    bool next(JsonlRecord& record);

    // "FILE:LINE", the prefix of every message about this input.
    std::string location(std::size_t line) const;

    // After next() threw: true when the input cannot be read on (a line past the size limit,
    // whose end was never found), as CsvReader::broken().
    bool broken() const noexcept { return m_broken; }

private:
    std::istream& m_in;
    std::string m_name;
    std::string m_text;  // the current line, reused
    std::size_t m_line{0};
    bool m_broken{false};
};

}  // namespace convene::io
