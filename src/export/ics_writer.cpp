#include "convene/export/ics_writer.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <stdexcept>

#include "convene/export/ics_values.hpp"
#include "export/ics_escape.hpp"
#include "export/ics_fold.hpp"

namespace convene::ics {
namespace {

// Parameters whose values are free text or addresses: RFC 5545 requires DQUOTE for the
// address ones, and quoting a display name or label always is what clients parse best.
constexpr std::array<std::string_view, 8> k_always_quoted = {
    "ALTREP", "CN", "DELEGATED-FROM", "DELEGATED-TO", "DIR", "LABEL", "MEMBER", "SENT-BY",
};

bool needs_quotes(const Param& param) {
    return std::find(k_always_quoted.begin(), k_always_quoted.end(), param.name) !=
               k_always_quoted.end() ||
           param.value.find_first_of(":;,") != std::string_view::npos;
}

// Names come from code, never from data: a wrong one is a bug, caught in debug builds.
[[maybe_unused]] bool is_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

}  // namespace

Writer::Writer(std::ostream& out) : m_out(out) {
    m_line.reserve(256);  // most lines fit: one allocation instead of a doubling per line
}

void Writer::begin(std::string_view component) {
    property("BEGIN", component);
    m_open.emplace_back(component);
}

void Writer::end(std::string_view component) {
    if (m_open.empty() || m_open.back() != component) {
        throw std::logic_error(
            "iCalendar END:" + std::string(component) +
            " does not match BEGIN:" + (m_open.empty() ? std::string("(none)") : m_open.back()));
    }
    m_open.pop_back();
    property("END", component);
}

void Writer::text(std::string_view name, std::string_view value) {
    write_line(name, {}, value, Kind::text);
}
void Writer::text(std::string_view name, Params params, std::string_view value) {
    write_line(name, params, value, Kind::text);
}

void Writer::uri(std::string_view name, std::string_view value) {
    write_line(name, {}, value, Kind::verbatim);
}
void Writer::uri(std::string_view name, Params params, std::string_view value) {
    write_line(name, params, value, Kind::verbatim);
}

void Writer::property(std::string_view name, std::string_view value) {
    write_line(name, {}, value, Kind::verbatim);
}
void Writer::property(std::string_view name, Params params, std::string_view value) {
    write_line(name, params, value, Kind::verbatim);
}

void Writer::utc_date_time(std::string_view name, domain::Instant instant) {
    m_value.clear();
    append_utc_date_time(m_value, instant);
    property(name, m_value);
}

void Writer::local_date_time(std::string_view name, domain::Instant instant,
                             const date::time_zone& zone) {
    // A wall time that occurs twice means its first occurrence (RFC 5545 §3.3.5), but most
    // readers take the second and calcurse refuses it: any instant in an hour repeated by a DST
    // change, first pass or second, is said in UTC, which every reader agrees on.
    const auto wall_time = zone.to_local(instant);
    if (zone.get_info(wall_time).result == date::local_info::ambiguous) {
        utc_date_time(name, instant);
        return;
    }
    m_value.clear();
    append_local_date_time(m_value, wall_time);
    property(name, {{"TZID", zone.name()}}, m_value);
}

void Writer::date_value(std::string_view name, domain::Date day) {
    m_value.clear();
    append_date(m_value, day);
    property(name, {{"VALUE", "DATE"}}, m_value);
}

void Writer::write_line(std::string_view name, Params params, std::string_view value, Kind kind) {
    assert(is_name(name));
    m_line.clear();
    m_line += name;
    for (const Param& param : params) {
        assert(is_name(param.name));
        m_line += ';';
        m_line += param.name;
        m_line += '=';
        const bool quoted = needs_quotes(param);
        if (quoted) m_line += '"';
        detail::append_escaped(m_line, param.value, detail::Escape::param);
        if (quoted) m_line += '"';
    }
    m_line += ':';
    detail::append_escaped(m_line, value,
                           kind == Kind::text ? detail::Escape::text : detail::Escape::verbatim);
    detail::write_folded(m_out, m_line, m_boundaries);
}

}  // namespace convene::ics
