#pragma once
// One value of a row of `list` output. A Cell borrows what it shows (a string, a list, a JSON
// value) so that building a row allocates nothing; whatever it points to must outlive the
// RowWriter::row() call it is passed to.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

// The directory is "export", but `export` is a C++ keyword, so the namespace is "output".
namespace convene::output {

enum class ColumnType {
    text,     // JSON string
    integer,  // JSON number
    boolean,  // JSON true/false
    list,     // list of text: JSON array of strings, "a; b" in text formats
    json,     // any nested JSON value, compact JSON in text formats
};

// What a column of a table may give up when the table is wider than the terminal (the other
// formats show everything).
enum class Fit {
    keep,  // shown whole: identifiers, times, numbers
    cut,   // free text, cut with "…" (widest first, never narrower than its header)
    hide,  // left out when cutting is not enough (the last such column first)
};

// A column of output. Names are part of the documented interface of each `list` command:
// scripts select on them, so they must not change between releases.
struct Column {
    std::string name;
    ColumnType type{ColumnType::text};
    Fit fit{Fit::keep};
};

class Cell {
public:
    enum class Kind { null, text, integer, boolean, list, json, ordered_json };

    // Absent value: JSON null, empty in text formats. Valid in a column of any type.
    Cell() : m_integer(0) {}
    Cell(std::nullptr_t) : Cell() {}
    Cell(std::nullopt_t) : Cell() {}

    Cell(std::string_view text) : m_kind(Kind::text), m_text(text) {}
    Cell(const char* text) : Cell(std::string_view(text)) {}
    Cell(const std::string& text) : Cell(std::string_view(text)) {}

    // Any integer type but bool (which would otherwise convert silently).
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    Cell(T value) : m_kind(Kind::integer), m_integer(static_cast<std::int64_t>(value)) {}
    template <std::same_as<bool> T>
    Cell(T value) : m_kind(Kind::boolean), m_boolean(value) {}

    Cell(std::span<const std::string> items) : m_kind(Kind::list), m_list(items) {}
    Cell(const std::vector<std::string>& items) : Cell(std::span<const std::string>(items)) {}

    Cell(const nlohmann::json& value) : m_kind(Kind::json), m_json(&value) {}
    Cell(const nlohmann::ordered_json& value) : m_kind(Kind::ordered_json), m_ordered(&value) {}

    template <typename T>
    Cell(const std::optional<T>& value) : Cell() {
        if (value) {
            *this = Cell(*value);
        }
    }

    Kind kind() const noexcept { return m_kind; }
    bool is_null() const noexcept { return m_kind == Kind::null; }
    // Each accessor is only meaningful for its own kind.
    std::string_view text() const noexcept { return m_text; }
    std::int64_t integer() const noexcept { return m_integer; }
    bool boolean() const noexcept { return m_boolean; }
    std::span<const std::string> list() const noexcept { return m_list; }
    const nlohmann::json* json() const noexcept { return m_json; }
    const nlohmann::ordered_json* ordered_json() const noexcept { return m_ordered; }

private:
    Kind m_kind{Kind::null};
    union {
        std::string_view m_text;
        std::int64_t m_integer;
        bool m_boolean;
        std::span<const std::string> m_list;
        const nlohmann::json* m_json;
        const nlohmann::ordered_json* m_ordered;
    };
};

// Optional text as a cell: empty text is "not set", JSON null (the convention of every JSON
// output: an unset optional value is null, never "" and never left out; an empty list is []).
inline Cell text_or_null(std::string_view text) { return text.empty() ? Cell() : Cell(text); }

// True when `cell` may appear in a column of `type` (null fits every column).
bool fits(const Cell& cell, ColumnType type) noexcept;

}  // namespace convene::output
