#include "report_lines.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/io/platform_time.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io::report {

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        auto line = text.substr(0, end);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back({++number, line});
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return lines;
}

std::vector<std::string> split_fields(std::string_view line, char delimiter) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"' && (quoted || fields.back().empty())) {
            quoted = !quoted;
        } else if (c == delimiter && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::optional<std::size_t> column(const std::vector<std::string>& header, std::string_view name) {
    const auto wanted = text::fold(name);
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (text::fold(header[i]) == wanted) return i;
    }
    return std::nullopt;
}

void Reader::fail(std::size_t line, std::string message, std::string hint) const {
    throw BadInputError(fmt::format("{}:{}: {}", display_name(m_file), line, message),
                        std::move(hint));
}

std::size_t Reader::require(const std::vector<std::string>& header, std::string_view name,
                            std::size_t line) const {
    if (const auto found = column(header, name)) return *found;
    fail(line, fmt::format("no \"{}\" column", name),
         "export the report again from the meeting platform, without editing it");
}

domain::Instant Reader::time(std::string_view text, const std::vector<std::string_view>& formats,
                             std::size_t line) const {
    auto instant = parse_platform_time(text::trim(text), formats, m_zone);
    if (!instant) fail(line, instant.problem().message, instant.problem().hint);
    return *instant;
}

namespace {

// Two stays are the same person's when their keys are equal: the same e-mail in any case, or,
// both without one, the same names as text::fold compares them (the shown name's length first,
// so that no two pairs of names make one key).
std::string person_key(const ReportedParticipant& stay) {
    if (!stay.email.empty()) return fmt::format("@{}", text::lowercase_ascii(stay.email));
    const auto name = text::fold(stay.name);
    return fmt::format("{}:{}{}", name.size(), name, text::fold(stay.original_name));
}

}  // namespace

void Stays::add(ReportedParticipant stay) {
    const auto [at, added] = m_by_person.try_emplace(person_key(stay), m_participants.size());
    if (added) {
        m_participants.push_back(std::move(stay));
        return;
    }
    auto& found = m_participants[at->second];
    found.time_in_meeting += stay.time_in_meeting;
    found.stays += stay.stays;
    if (stay.first_join && (!found.first_join || *stay.first_join < *found.first_join)) {
        found.first_join = stay.first_join;
    }
    found.host = found.host || stay.host;
}

}  // namespace convene::io::report
