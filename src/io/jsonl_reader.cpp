#include "convene/io/jsonl_reader.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {
namespace {

// nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1,
// column 5: "; the reader gives its own location, so only what follows is kept.
std::string_view parse_problem(std::string_view what) {
    const auto column = what.find("column ");
    const auto colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    return colon == std::string_view::npos ? what : what.substr(colon + 2);
}

// Reads one line (without its LF) into `line`; false at the end of the input. A line longer
// than `max` bytes stops the reading there, so that memory stays bounded (/dev/zero).
enum class LineRead { line, end, too_long };
LineRead read_line(std::istream& in, std::string& line, std::size_t max) {
    line.clear();
    auto* buffer = in.rdbuf();
    bool any = false;
    while (true) {
        const auto c = buffer->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            return any ? LineRead::line : LineRead::end;
        }
        any = true;
        if (c == '\n') return LineRead::line;
        if (line.size() == max) return LineRead::too_long;
        line.push_back(static_cast<char>(c));
    }
}

// Numbers and keys as the file wrote them: a key given twice would silently keep one value,
// and an integer too large for 64 bits would become an inexact float (1.2345678901234568e+29).
// Nesting is bounded as well: a registration is a flat object.
class StrictJson {
public:
    bool operator()(int depth, nlohmann::ordered_json::parse_event_t event,
                    nlohmann::ordered_json& parsed) {
        using Event = nlohmann::ordered_json::parse_event_t;
        if (depth > static_cast<int>(k_max_depth)) {
            throw Problem{fmt::format("nested deeper than {} levels", k_max_depth)};
        }
        switch (event) {
            case Event::object_start: m_keys.emplace_back(); break;
            case Event::object_end: m_keys.pop_back(); break;
            case Event::key: {
                auto key = parsed.get<std::string>();
                auto& seen = m_keys.back();
                if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
                    throw Problem{fmt::format("key \"{}\" appears twice", key)};
                }
                seen.push_back(std::move(key));
                break;
            }
            case Event::value:
                if (parsed.is_number_float()) {
                    const double value = parsed.get<double>();
                    // Beyond 2^53 a double no longer holds every integer: the text is lost.
                    if (!std::isfinite(value) || std::fabs(value) >= 9007199254740992.0) {
                        throw Problem{
                            "a number is too large to keep exactly; write it as a "
                            "string (in quotes)"};
                    }
                }
                break;
            default: break;
        }
        return true;
    }

    struct Problem {
        std::string what;
    };

private:
    static constexpr std::size_t k_max_depth = 4;
    std::vector<std::vector<std::string>> m_keys;
};

}  // namespace

JsonlReader::JsonlReader(std::istream& in, std::string_view file_name)
    : m_in(in), m_name(display_name(file_name)) {}

std::string JsonlReader::location(std::size_t line) const {
    return fmt::format("{}:{}", m_name, line);
}

bool JsonlReader::next(JsonlRecord& record) {
    while (true) {
        const auto read = read_line(m_in, m_text, domain::k_max_record_bytes);
        if (read == LineRead::end) break;
        ++m_line;
        if (read == LineRead::too_long) {
            m_broken = true;
            throw BadInputError(fmt::format("{}: the line is longer than {} KiB", location(m_line),
                                            domain::k_max_record_bytes / 1024),
                                "each line must hold one JSON object");
        }
        if (m_line == 1 && m_text.starts_with(text::k_utf8_bom)) {
            m_text.erase(0, text::k_utf8_bom.size());
        }
        if (!m_text.empty() && m_text.back() == '\r') {
            m_text.pop_back();
        }
        if (text::trim(m_text).empty()) {
            continue;
        }
        if (!text::is_valid_utf8(m_text)) {
            throw BadInputError(location(m_line) + ": not valid UTF-8",
                                "convert the file to UTF-8, e.g. with iconv -f latin1 -t utf-8");
        }
        try {
            record.object = nlohmann::ordered_json::parse(m_text, StrictJson{});
        } catch (const StrictJson::Problem& problem) {
            throw BadInputError(fmt::format("{}: {}", location(m_line), problem.what));
        } catch (const nlohmann::ordered_json::parse_error& error) {
            throw BadInputError(fmt::format("{}: invalid JSON at column {}: {}", location(m_line),
                                            error.byte, parse_problem(error.what())),
                                "each line must hold one JSON object");
        } catch (const nlohmann::ordered_json::exception& error) {
            // A number beyond what a double holds (1e400) is "out of range", not a parse error.
            throw BadInputError(
                fmt::format("{}: {}", location(m_line), parse_problem(error.what())));
        }
        if (!record.object.is_object()) {
            throw BadInputError(fmt::format("{}: expected a JSON object, found {}",
                                            location(m_line), record.object.type_name()),
                                "each line must hold one JSON object");
        }
        record.line = m_line;
        return true;
    }
    if (m_in.bad()) {
        throw BadInputError(fmt::format("{}: read error", m_name));
    }
    return false;
}

}  // namespace convene::io
