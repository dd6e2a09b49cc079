#include "cell_text.hpp"

#include "convene/export/spreadsheet.hpp"

#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace convene::output::detail {

void append_text(std::string& out, const Cell& cell, BoolWords words) {
    constexpr auto k_replace = nlohmann::json::error_handler_t::replace;
    switch (cell.kind()) {
        case Cell::Kind::null: break;
        case Cell::Kind::text: out += cell.text(); break;
        case Cell::Kind::integer:
            fmt::format_to(std::back_inserter(out), "{}", cell.integer());
            break;
        case Cell::Kind::boolean:
            if (words == BoolWords::yes_no) {
                out += cell.boolean() ? "yes" : "no";
            } else {
                out += cell.boolean() ? "true" : "false";
            }
            break;
        case Cell::Kind::list: {
            const char* separator = "";
            for (const auto& item : cell.list()) {
                out += separator;
                out += item;
                separator = "; ";
            }
            break;
        }
        case Cell::Kind::json: out += cell.json()->dump(-1, ' ', false, k_replace); break;
        case Cell::Kind::ordered_json:
            out += cell.ordered_json()->dump(-1, ' ', false, k_replace);
            break;
    }
}

bool reads_as_formula(std::string_view value) {
    const auto first = value.find_first_not_of('\'');
    if (first == std::string_view::npos) return false;
    const char c = value[first];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace convene::output::detail

namespace convene::output {

void neutralise_formula(std::string& value) {
    if (detail::reads_as_formula(value)) value.insert(0, 1, '\'');
}

}  // namespace convene::output
