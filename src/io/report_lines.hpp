#pragma once
// What the readers of attendance reports share (src/io only): the report's lines, a line's
// fields, its times, and gathering a person's stays into one participant.
#include <string>
#include <string_view>
#include <unordered_map>
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

// Gathers a report's stays into `participants`: each is added to the participant it is a stay
// of (the same e-mail, else, without e-mail, the same name), or as a new participant. Found by
// a key in an index, not by comparing with each participant (0.2 s for 3,000 people).
class Stays {
public:
    explicit Stays(std::vector<ReportedParticipant>& participants) : m_participants(participants) {}
    void add(ReportedParticipant stay);

private:
    std::vector<ReportedParticipant>& m_participants;
    std::unordered_map<std::string, std::size_t> m_by_person;  // same_person's key: its index
};

AttendanceReport read_zoom(const std::vector<Line>& lines, const Reader& reader);
AttendanceReport read_teams(const std::vector<Line>& lines, const Reader& reader);

}  // namespace convene::io::report
