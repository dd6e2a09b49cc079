// Teams' attendance report: sections "1. Summary" (a label and a value per line), "2.
// Participants" (one line per person, the time of their stays summed by Teams), "3. In-Meeting
// Activities" (one line per stay, not needed here), an empty line between them.
#include <algorithm>
#include <charconv>

#include "convene/text/strings.hpp"
#include "convene/text/utf8.hpp"
#include "report_lines.hpp"

namespace convene::io::report {

namespace {

// As the downloader's locale writes them: US English first, the way the report comes by default.
const std::vector<std::string_view> k_times{"%m/%d/%y, %I:%M:%S %p", "%m/%d/%Y, %I:%M:%S %p",
                                            "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d %H:%M:%S"};

// Marks Teams puts after the name of people without an account in the organisation.
constexpr std::string_view k_guest_marks[] = {" (Guest)", " (External)", " (Unverified)"};

bool is_section(std::string_view line, std::string_view number) {
    return text::trim(line).starts_with(number);
}

// The lines of the section that starts with `number` ("2."), without its title, up to the
// next empty line.
std::vector<Line> section(const std::vector<Line>& lines, std::string_view number) {
    auto at = std::find_if(lines.begin(), lines.end(),
                           [&](const Line& line) { return is_section(line.text, number); });
    if (at == lines.end()) return {};
    const auto end = std::find_if(at + 1, lines.end(),
                                  [](const Line& line) { return text::trim(line.text).empty(); });
    return {at + 1, end};
}

// "1h 8m 37s", "55m 56s", "45s".
std::chrono::seconds duration(std::string_view text, std::size_t line, const Reader& reader) {
    std::chrono::seconds total{0};
    text = text::trim(text);
    const std::string given(text);
    while (!text.empty()) {
        long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const auto unit = end == text.data() + text.size() ? '\0' : *end;
        if (error != std::errc{} || (unit != 'h' && unit != 'm' && unit != 's')) {
            reader.fail(line, "the duration '" + given + "' does not read as 1h 8m 37s");
        }
        total += std::chrono::seconds{value * (unit == 'h' ? 3600 : unit == 'm' ? 60 : 1)};
        text = text::trim(text.substr(static_cast<std::size_t>(end - text.data()) + 1));
    }
    return total;
}

std::string field(const std::vector<std::string>& fields, std::optional<std::size_t> index) {
    return index && *index < fields.size() ? std::string(text::trim(fields[*index])) : "";
}

void read_summary(const std::vector<Line>& lines, const Reader& reader, AttendanceReport& report,
                  bool& has_start) {
    for (const auto& line : section(lines, "1.")) {
        const auto fields = split_fields(line.text, '\t');
        if (fields.size() < 2) continue;
        const auto label = text::fold(fields[0]);
        if (label == "meetingtitle") report.title = text::trim(fields[1]);
        if (label == "starttime" || label == "meetingstarttime") {
            report.start = reader.time(fields[1], k_times, line.number);
            has_start = true;
        }
        if (label == "endtime" || label == "meetingendtime") {
            report.end = reader.time(fields[1], k_times, line.number);
        }
    }
}

struct Columns {
    std::size_t name;
    std::size_t duration;
    std::optional<std::size_t> email, role, join, leave;
};

Columns participant_columns(const Line& header_line, const Reader& reader) {
    const auto header = split_fields(header_line.text, '\t');
    const auto in_meeting = column(header, "In-Meeting Duration");
    return {reader.require(header, "Name", header_line.number),
            in_meeting ? *in_meeting : reader.require(header, "Duration", header_line.number),
            column(header, "Email"),
            column(header, "Role"),
            column(header, "First Join"),
            column(header, "Last Leave")};
}

ReportedParticipant read_person(const std::vector<std::string>& fields, const Columns& columns,
                                const Line& line, const Reader& reader) {
    ReportedParticipant person;
    person.name = field(fields, columns.name);
    for (const auto mark : k_guest_marks) {
        if (person.name.ends_with(mark)) {
            person.name.resize(person.name.size() - mark.size());
            person.guest = true;
        }
    }
    person.email = field(fields, columns.email);
    person.guest = person.guest || person.email.empty();
    person.host = text::fold(field(fields, columns.role)) == "organizer";
    person.time_in_meeting = duration(field(fields, columns.duration), line.number, reader);
    person.stays = 1;
    person.line = line.number;
    if (const auto join = field(fields, columns.join); !join.empty()) {
        person.first_join = reader.time(join, k_times, line.number);
    }
    return person;
}

// The earliest and latest of a column's times, when the summary does not give the meeting's.
void widen(std::optional<domain::Instant>& first, std::optional<domain::Instant>& last,
           domain::Instant time) {
    first = std::min(first.value_or(time), time);
    last = std::max(last.value_or(time), time);
}

}  // namespace

AttendanceReport read_teams(const std::vector<Line>& lines, const Reader& reader) {
    AttendanceReport report;
    report.platform = "teams";
    bool has_start = false;
    read_summary(lines, reader, report, has_start);
    const auto people = section(lines, "2.");
    if (people.empty()) reader.fail(1, "no \"2. Participants\" section");
    const auto columns = participant_columns(people.front(), reader);
    std::optional<domain::Instant> first, last;
    Stays stays(report.participants);
    for (auto line = people.begin() + 1; line != people.end(); ++line) {
        const auto fields = split_fields(line->text, '\t');
        stays.add(read_person(fields, columns, *line, reader));
        for (const auto index : {columns.join, columns.leave}) {
            const auto text = field(fields, index);
            if (!text.empty()) widen(first, last, reader.time(text, k_times, line->number));
        }
    }
    if (!has_start) {
        if (!first) reader.fail(1, "the report does not say when the meeting was");
        report.start = *first;
        report.end = last.value_or(*first);
    }
    if (report.end < report.start) report.end = report.start;
    return report;
}

}  // namespace convene::io::report
