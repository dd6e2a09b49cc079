#pragma once
// Streams iCalendar content lines (RFC 5545 §3.1) to an ostream. Every property goes through
// one path that cleans the value (invalid UTF-8 → U+FFFD, control characters dropped),
// escapes it for its kind, and folds the line at 75 octets with CRLF endings, so no caller
// can produce a line that a calendar client misreads. ICS.md lists the rules.
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "convene/domain/event.hpp"

namespace convene::ics {

// A property parameter. The writer encodes the value so that every reader shows it as it is
// (see export/ics_escape.hpp) and decides the quoting: free-text and address parameters (CN,
// LABEL, DIR, SENT-BY, …) are always quoted, others only when they contain ':', ';' or ','.
// One value per parameter.
struct Param {
    std::string_view name;
    std::string_view value;
};
using Params = std::initializer_list<Param>;

class Writer {
public:
    explicit Writer(std::ostream& out);
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // BEGIN:/END: lines. end() must name the innermost open component (std::logic_error).
    void begin(std::string_view component);
    void end(std::string_view component);
    // Components begun and not yet ended.
    std::size_t depth() const noexcept { return m_open.size(); }

    // TEXT values (SUMMARY, DESCRIPTION, LOCATION, …): backslash-escaped, line breaks as \n.
    void text(std::string_view name, std::string_view value);
    void text(std::string_view name, Params params, std::string_view value);

    // URI and CAL-ADDRESS values (URL, CONFERENCE, ATTENDEE's mailto:): never escaped.
    void uri(std::string_view name, std::string_view value);
    void uri(std::string_view name, Params params, std::string_view value);

    // Values already in their iCalendar form (INTEGER, enumerations such as STATUS, 2.0).
    void property(std::string_view name, std::string_view value);
    void property(std::string_view name, Params params, std::string_view value);

    // NAME:20220413T130000Z
    void utc_date_time(std::string_view name, domain::Instant instant);
    // NAME;TZID=Europe/Paris:20220413T150000 (the file needs a VTIMEZONE for the zone), or
    // NAME:20251026T010000Z for an instant in either pass of an hour repeated by a DST change,
    // which readers disagree on when it is a TZID wall time.
    void local_date_time(std::string_view name, domain::Instant instant,
                         const date::time_zone& zone);
    // NAME;VALUE=DATE:20220411
    void date_value(std::string_view name, domain::Date day);

private:
    enum class Kind { text, verbatim };
    void write_line(std::string_view name, Params params, std::string_view value, Kind kind);

    std::ostream& m_out;
    std::string m_line;                       // the logical line being built, reused
    std::string m_value;                      // formatted date values, reused
    std::vector<unsigned char> m_boundaries;  // fold candidates per byte of m_line, reused
    std::vector<std::string> m_open;          // component names begun and not ended
};

}  // namespace convene::ics
