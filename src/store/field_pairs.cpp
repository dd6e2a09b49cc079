#include "field_pairs.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "damaged_row.hpp"

namespace convene::store {

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            constexpr std::string_view hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

namespace {

// The pairs as convene and both engines write them, with no escape in any string: read
// without building a document (a list of 100,000 reads one per row). False, with `fields`
// in any state, for anything else, which the general parser then reads or refuses.
class FastReader {
public:
    explicit FastReader(std::string_view json) : m_json(json) {}

    bool read(FieldPairs& fields) {
        fields.clear();
        if (!take('[')) return false;
        if (take(']')) return at_end();
        do {
            std::string_view key;
            std::string_view value;
            if (!take('[') || !string(key) || !take(',') || !string(value) || !take(']')) {
                return false;
            }
            fields.emplace_back(key, value);
        } while (take(','));
        return take(']') && at_end();
    }

private:
    void skip_space() {
        while (m_at < m_json.size() && (m_json[m_at] == ' ' || m_json[m_at] == '\n' ||
                                        m_json[m_at] == '\t' || m_json[m_at] == '\r')) {
            ++m_at;
        }
    }
    bool take(char c) {
        skip_space();
        if (m_at >= m_json.size() || m_json[m_at] != c) return false;
        ++m_at;
        return true;
    }
    bool at_end() {
        skip_space();
        return m_at == m_json.size();
    }
    bool string(std::string_view& text) {
        if (!take('"')) return false;
        const auto start = m_at;
        for (; m_at < m_json.size(); ++m_at) {
            const auto c = static_cast<unsigned char>(m_json[m_at]);
            if (c == '"') {
                text = m_json.substr(start, m_at++ - start);
                return true;
            }
            if (c == '\\' || c < 0x20) return false;
        }
        return false;
    }

    std::string_view m_json;
    std::size_t m_at{0};
};

void read_general(std::string_view json, FieldPairs& fields) {
    fields.clear();
    const auto pairs = nlohmann::json::parse(json, nullptr, false);
    if (pairs.is_discarded()) throw_damaged("registration", "its custom fields are not JSON");
    if (!pairs.is_array()) {
        throw_damaged("registration", "its custom fields are not a JSON array");
    }
    for (const auto& pair : pairs) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
            throw_damaged("registration",
                          "its custom fields hold something other than a [key, value] pair of "
                          "texts");
        }
        fields.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
}

bool has_key_twice(const FieldPairs& fields) {
    if (fields.size() <= 16) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            for (std::size_t j = i + 1; j < fields.size(); ++j) {
                if (fields[i].first == fields[j].first) return true;
            }
        }
        return false;
    }
    std::set<std::string_view> keys;
    for (const auto& field : fields) {
        if (!keys.insert(field.first).second) return true;
    }
    return false;
}

}  // namespace

bool encode_field_pairs(const FieldPairs& fields, std::string& json) {
    json.clear();
    if (fields.empty()) return false;
    json += '[';
    for (const auto& [key, value] : fields) {
        if (json.size() > 1) json += ',';
        json += '[';
        append_json_string(json, key);
        json += ',';
        append_json_string(json, value);
        json += ']';
    }
    json += ']';
    return true;
}

std::optional<std::string> encode_field_pairs(const FieldPairs& fields) {
    std::string json;
    if (!encode_field_pairs(fields, json)) return std::nullopt;
    return json;
}

void decode_field_pairs(std::string_view json, FieldPairs& fields) {
    if (!FastReader(json).read(fields)) read_general(json, fields);
    if (has_key_twice(fields)) {
        throw_damaged("registration", "its custom fields give the same key twice");
    }
}

}  // namespace convene::store
