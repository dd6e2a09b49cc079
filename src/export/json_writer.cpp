// JSON (one array) and JSON Lines (one object per line). Each row is written as one compact
// object, byte for byte what nlohmann::ordered_json's dump() gives for it, but straight into
// a reused line: building a JSON value per row cost an allocation per key and per value.
// The array around the objects is written piece by piece so that no more than one row is
// ever held in memory.
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "writers.hpp"

namespace convene::output::detail {
namespace {

constexpr auto k_replace = nlohmann::json::error_handler_t::replace;

// The length of the well-formed UTF-8 sequence at the start of `text` (Unicode Table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF), or 0 when it is not well-formed.
std::size_t utf8_length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const auto follows = [&](std::size_t i, unsigned char low, unsigned char high) {
        return i < text.size() && byte(i) >= low && byte(i) <= high;
    };
    const unsigned char lead = byte(0);
    if (lead >= 0xC2 && lead <= 0xDF) return follows(1, 0x80, 0xBF) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
        return follows(1, low, high) && follows(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
        return follows(1, low, high) && follows(2, 0x80, 0xBF) && follows(3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

// `text` as a JSON string, as nlohmann's dump(-1, ' ', false, replace) writes it: UTF-8 kept,
// the two-character escapes where JSON has them, other control characters as \u00XX. Text
// that is not well-formed UTF-8 is left to nlohmann, which replaces what is broken by U+FFFD.
void append_string(std::string& out, std::string_view text) {
    const auto start = out.size();
    out += '"';
    std::size_t run = 0;  // bytes since `run` are copied as they are
    const auto flush = [&](std::size_t i) { out.append(text.data() + run, i - run); };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const auto length = utf8_length(text.substr(i));
            if (length == 0) {
                out.resize(start);
                out += nlohmann::json(std::string(text)).dump(-1, ' ', false, k_replace);
                return;
            }
            i += length;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        flush(i);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
        run = ++i;
    }
    flush(text.size());
    out += '"';
}

void append_value(std::string& out, const Cell& cell) {
    switch (cell.kind()) {
        case Cell::Kind::null: out += "null"; return;
        case Cell::Kind::text: append_string(out, cell.text()); return;
        case Cell::Kind::integer:
            fmt::format_to(std::back_inserter(out), "{}", cell.integer());
            return;
        case Cell::Kind::boolean: out += cell.boolean() ? "true" : "false"; return;
        case Cell::Kind::list: {
            out += '[';
            const char* separator = "";
            for (const auto& item : cell.list()) {
                out += separator;
                append_string(out, item);
                separator = ",";
            }
            out += ']';
            return;
        }
        case Cell::Kind::json: out += cell.json()->dump(-1, ' ', false, k_replace); return;
        case Cell::Kind::ordered_json:
            out += cell.ordered_json()->dump(-1, ' ', false, k_replace);
            return;
    }
}

class JsonWriter final : public RowWriter {
public:
    JsonWriter(std::ostream& out, std::vector<Column> columns, bool lines)
        : RowWriter(std::move(columns)), m_out(out), m_lines(lines) {
        // Each key with its quotes and colon, written once.
        for (const auto& column : this->columns()) {
            std::string key;
            append_string(key, column.name);
            key += ':';
            m_keys.push_back(std::move(key));
        }
    }

private:
    void write_row(std::span<const Cell> cells) override {
        m_line.clear();
        if (!m_lines) m_line += m_rows == 0 ? "[\n  " : ",\n  ";
        m_line += '{';
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) m_line += ',';
            m_line += m_keys[i];
            append_value(m_line, cells[i]);
        }
        m_line += '}';
        if (m_lines) m_line += '\n';
        m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
        ++m_rows;
    }

    void write_end() override {
        if (!m_lines) {
            m_out << (m_rows == 0 ? "[]\n" : "\n]\n");
        }
        m_out.flush();
    }

    std::ostream& m_out;
    bool m_lines;
    std::size_t m_rows{0};
    std::vector<std::string> m_keys;
    std::string m_line;  // reused for every row
};

}  // namespace

std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, std::vector<Column> columns,
                                            bool lines) {
    return std::make_unique<JsonWriter>(out, std::move(columns), lines);
}

}  // namespace convene::output::detail
