// Zoom's participants report: an optional meeting block (a header line, a line of values),
// then the participants' table, one line per stay.
#include <algorithm>
#include <charconv>

#include "convene/text/strings.hpp"
#include "report_lines.hpp"

namespace convene::io::report {

namespace {

// The account's display settings choose among these; none carries a zone.
const std::vector<std::string_view> k_times{"%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S",
                                            "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M",
                                            "%Y-%m-%d %H:%M:%S"};

struct Meeting {
    std::string title;
    std::string host_email;
    std::string host_name;
    std::optional<domain::Instant> start;
    std::optional<domain::Instant> end;
};

std::string field(const std::vector<std::string>& fields, std::optional<std::size_t> index) {
    return index && *index < fields.size() ? std::string(text::trim(fields[*index])) : "";
}

Meeting read_meeting(const Line& header_line, const Line& values, const Reader& reader) {
    const auto header = split_fields(header_line.text, ',');
    const auto fields = split_fields(values.text, ',');
    Meeting meeting{field(fields, column(header, "Topic")),
                    field(fields, column(header, "User Email")),
                    field(fields, column(header, "User Name")),
                    {},
                    {}};
    if (const auto start = field(fields, column(header, "Start Time")); !start.empty()) {
        meeting.start = reader.time(start, k_times, values.number);
    }
    if (const auto end = field(fields, column(header, "End Time")); !end.empty()) {
        meeting.end = reader.time(end, k_times, values.number);
    }
    return meeting;
}

// "Léa D. (Léa Dupont)": the name shown, and in brackets the one joined with before a rename.
void split_name(std::string_view text, ReportedParticipant& person) {
    const auto open = text.rfind(" (");
    if (text.ends_with(')') && open != std::string_view::npos) {
        person.name = text::trim(text.substr(0, open));
        person.original_name = text.substr(open + 2, text.size() - open - 3);
    } else {
        person.name = text;
    }
}

std::chrono::seconds minutes(std::string_view text, std::size_t line, const Reader& reader) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
        reader.fail(line, "the duration '" + std::string(text) + "' is not a number of minutes");
    }
    return std::chrono::minutes{value};
}

struct Columns {
    std::size_t name, email, duration;
    std::optional<std::size_t> join, leave, guest;
};

Columns participant_columns(const std::vector<std::string>& header, std::size_t line,
                            const Reader& reader) {
    const auto name = column(header, "Name (Original Name)");
    const auto duration = column(header, "Duration (Minutes)");
    return {name ? *name : reader.require(header, "Name", line),
            reader.require(header, "User Email", line),
            duration ? *duration : reader.require(header, "Total Duration (Minutes)", line),
            column(header, "Join Time"),
            column(header, "Leave Time"),
            column(header, "Guest")};
}

bool is_host(const ReportedParticipant& person, const Meeting& meeting) {
    if (!person.email.empty()) {
        return text::lowercase_ascii(person.email) == text::lowercase_ascii(meeting.host_email);
    }
    return !meeting.host_name.empty() && person.name == meeting.host_name;
}

// The first join and the last leave: the meeting's span when the report has no meeting block.
struct Span {
    std::optional<domain::Instant> first;
    std::optional<domain::Instant> last;
};

ReportedParticipant read_stay(const Line& line, const Columns& columns, const Meeting& meeting,
                              const Reader& reader, Span& span) {
    const auto fields = split_fields(line.text, ',');
    ReportedParticipant stay;
    split_name(field(fields, columns.name), stay);
    stay.email = field(fields, columns.email);
    stay.time_in_meeting = minutes(field(fields, columns.duration), line.number, reader);
    stay.stays = 1;
    stay.guest = text::lowercase_ascii(field(fields, columns.guest)) == "yes";
    stay.host = is_host(stay, meeting);
    stay.line = line.number;
    if (const auto join = field(fields, columns.join); !join.empty()) {
        const auto time = reader.time(join, k_times, line.number);
        stay.first_join = time;
        span.first = std::min(span.first.value_or(time), time);
    }
    if (const auto leave = field(fields, columns.leave); !leave.empty()) {
        const auto time = reader.time(leave, k_times, line.number);
        span.last = std::max(span.last.value_or(time), time);
    }
    return stay;
}

bool has_text(const Line& line) { return !line.text.empty(); }

}  // namespace

AttendanceReport read_zoom(const std::vector<Line>& lines, const Reader& reader) {
    auto at = std::find_if(lines.begin(), lines.end(), has_text);
    Meeting meeting;
    if (at != lines.end() && at + 1 != lines.end() &&
        column(split_fields(at->text, ','), "Topic")) {
        meeting = read_meeting(*at, *(at + 1), reader);
        at += 2;
    }
    at = std::find_if(at, lines.end(), has_text);
    if (at == lines.end()) reader.fail(lines.empty() ? 1 : lines.back().number, "no participants");
    const auto columns = participant_columns(split_fields(at->text, ','), at->number, reader);
    AttendanceReport report;
    report.platform = "zoom";
    report.title = meeting.title;
    Span span;
    Stays stays(report.participants);
    for (++at; at != lines.end(); ++at) {
        if (has_text(*at)) stays.add(read_stay(*at, columns, meeting, reader, span));
    }
    const auto start = meeting.start ? meeting.start : span.first;
    if (!start) {
        reader.fail(1, "the report says neither when the meeting started nor when people joined",
                    "export it with the meeting data, or with join and leave times");
    }
    report.start = *start;
    report.end = meeting.end.value_or(span.last.value_or(*start));
    return report;
}

}  // namespace convene::io::report
