#pragma once
// What the readers of attendance reports share (src/io only): the report's lines, a line's
// fields, its times, and gathering a person's stays into one participant.
#include <string>
#include <string_view>
#include <vector>

#include "convene/io/attendance_report.hpp"

namespace convene::io::report {

struct Line {
    std::size_t number{0};  // 1-based
    std::string_view text;  // without its line end
};

std::vector<Line> split_lines(std::string_view text);

// The fields of one line: `delimiter`-separated, a field in double quotes may hold the
// delimiter and doubled quotes. Reports hold no line breaks inside a field.
std::vector<std::string> split_fields(std::string_view line, char delimiter);

// The index of the column named `name` (as text::fold compares), if any.
std::optional<std::size_t> column(const std::vector<std::string>& header, std::string_view name);

class Reader {
public:
    Reader(std::string_view file_name, const date::time_zone& zone)
        : m_file(file_name), m_zone(zone) {}

    [[noreturn]] void fail(std::size_t line, std::string message, std::string hint = {}) const;
    // A column the report must have; fails naming it.
    std::size_t require(const std::vector<std::string>& header, std::string_view name,
                        std::size_t line) const;
    domain::Instant time(std::string_view text, const std::vector<std::string_view>& formats,
                         std::size_t line) const;

private:
    std::string_view m_file;
    const date::time_zone& m_zone;
};

// Adds one stay to the participant it is a stay of (the same e-mail, else, without e-mail, the
// same name), or as a new participant.
void add_stay(std::vector<ReportedParticipant>& participants, ReportedParticipant stay);

AttendanceReport read_zoom(const std::vector<Line>& lines, const Reader& reader);
AttendanceReport read_teams(const std::vector<Line>& lines, const Reader& reader);

}  // namespace convene::io::report
