// Which report a file is, by its first line: Teams' starts with its "1. Summary" section,
// Zoom's with its meeting block ("Topic,…") or its participants' header.
#include "convene/io/attendance_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/encoding_guess.hpp"
#include "convene/io/input.hpp"
#include "convene/text/strings.hpp"
#include "report_lines.hpp"

namespace convene::io {

AttendanceReport read_attendance_report(std::string_view bytes, std::string_view file_name,
                                        const date::time_zone& zone) {
    DecodedText decoded;
    try {
        decoded = decode_text(bytes);
    } catch (const BadInputError& error) {
        throw BadInputError(fmt::format("{}: {}", display_name(file_name), error.what()),
                            "give the report as the meeting platform wrote it");
    }
    const auto lines = report::split_lines(decoded.text);
    const report::Reader reader(file_name, zone);
    const auto first = std::find_if(lines.begin(), lines.end(), [](const report::Line& line) {
        return !text::trim(line.text).empty();
    });
    if (first == lines.end()) reader.fail(1, "the report is empty");
    const auto start = text::trim(first->text);
    AttendanceReport report;
    if (start.starts_with("1. Summary")) {
        report = report::read_teams(lines, reader);
    } else if (start.starts_with("Topic,") || start.starts_with("Meeting ID,") ||
               start.starts_with("Name (Original Name),")) {
        report = report::read_zoom(lines, reader);
    } else {
        reader.fail(first->number, "not a Zoom participants report nor a Teams attendance report",
                    "export the participants of the meeting from Zoom's reports, or download "
                    "Teams' attendance report, and give that file as it is");
    }
    report.encoding = decoded.encoding;
    report.encoding_guessed = decoded.guessed;
    return report;
}

}  // namespace convene::io
