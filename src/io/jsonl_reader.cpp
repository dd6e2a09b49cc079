#include "convene/io/jsonl_reader.hpp"

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {
namespace {

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t") == std::string_view::npos;
}

// nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1,
// column 5: "; the reader gives its own location, so only what follows is kept.
std::string_view parse_problem(std::string_view what) {
    const auto column = what.find("column ");
    const auto colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    return colon == std::string_view::npos ? what : what.substr(colon + 2);
}

}  // namespace

JsonlReader::JsonlReader(std::istream& in, std::string_view file_name)
    : m_in(in), m_name(display_name(file_name)) {}

std::string JsonlReader::location(std::size_t line) const {
    return fmt::format("{}:{}", m_name, line);
}

bool JsonlReader::next(JsonlRecord& record) {
    while (std::getline(m_in, m_text)) {
        ++m_line;
        if (m_line == 1 && m_text.starts_with(text::k_utf8_bom)) {
            m_text.erase(0, text::k_utf8_bom.size());
        }
        if (!m_text.empty() && m_text.back() == '\r') {
            m_text.pop_back();
        }
        if (is_blank(m_text)) {
            continue;
        }
        if (!text::is_valid_utf8(m_text)) {
            throw BadInputError(location(m_line) + ": not valid UTF-8",
                                "convert the file to UTF-8, e.g. with iconv -f latin1 -t utf-8");
        }
        try {
            record.object = nlohmann::ordered_json::parse(m_text);
        } catch (const nlohmann::ordered_json::parse_error& error) {
            throw BadInputError(fmt::format("{}: invalid JSON at column {}: {}",
                                            location(m_line), error.byte,
                                            parse_problem(error.what())),
                                "each line must hold one JSON object");
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
