// schedule.xml as the frab XSD (c3voc's schedule.xml.xsd) describes it.
#include <ostream>

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/export/frab_schedule.hpp"
#include "convene/text/html_escape.hpp"
#include "convene/text/utf8.hpp"
#include "frab_common.hpp"

namespace convene::frab {

namespace {

// Text and attribute values as XML 1.0 can carry them: the control characters it forbids
// dropped (a pasted description may hold one), U+FFFE, U+FFFF and any byte that is not UTF-8
// (a database written by another program) replaced by U+FFFD, and the five specials escaped
// as in HTML (&#39; is XML too). The schedule is well-formed whatever the database holds.
std::string xml_escape(std::string_view text) {
    std::string kept;
    kept.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') kept += static_cast<char>(c);
            ++i;
            continue;
        }
        const auto length = text::valid_sequence_length(text.substr(i));
        const bool noncharacter = length == 3 && c == 0xEF &&
                                  static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                                  static_cast<unsigned char>(text[i + 2]) >= 0xBE;
        if (length == 0 || noncharacter) {
            kept += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        } else {
            kept.append(text.substr(i, length));
        }
        i += length == 0 ? 1 : length;
    }
    return text::escape_html(kept);
}

void element(std::ostream& out, int indent, std::string_view name, std::string_view text) {
    out << fmt::format("{:{}}<{}>{}</{}>\n", "", indent, name, xml_escape(text), name);
}

// How a reader shows a speaker: schedule.xml has no place for the organisation but the name.
std::string public_name(const Person& person) {
    if (person.organisation.empty()) return person.name;
    return fmt::format("{} ({})", person.name, person.organisation);
}

void write_tracks(std::ostream& out, const Schedule& schedule) {
    for (const auto& track : tracks_of(schedule)) {
        out << fmt::format("    <track name=\"{}\"", xml_escape(track.name));
        if (!track.colour.empty()) out << fmt::format(" color=\"{}\"", track.colour);
        out << "/>\n";
    }
}

void write_talk(std::ostream& out, const Schedule& schedule, const Talk& talk) {
    const auto& zone = domain::known_zone(schedule.conference.timezone);
    out << fmt::format("      <event guid=\"{}\" id=\"{}\">\n", guid_for(talk.uid), talk.id);
    element(out, 8, "room", talk.room);
    element(out, 8, "title", talk.title);
    element(out, 8, "subtitle", "");
    element(out, 8, "type", talk.type);
    element(out, 8, "date", domain::format_iso_local(talk.start, zone));
    const auto local = domain::to_local(talk.start, zone);
    element(out, 8, "start", detail::hours_minutes(local.time_of_day));
    element(out, 8, "duration", detail::hours_minutes(talk.duration));
    element(out, 8, "abstract", talk.abstract);
    element(out, 8, "track", talk.track);
    if (!talk.language.empty()) element(out, 8, "language", talk.language);
    if (!talk.description.empty()) element(out, 8, "description", talk.description);
    out << "        <persons>\n";
    for (const auto& person : talk.persons) {
        out << fmt::format("          <person guid=\"{}\">{}</person>\n",
                           detail::person_guid(schedule, person), xml_escape(public_name(person)));
    }
    out << "        </persons>\n";
    if (!talk.url.empty()) element(out, 8, "url", talk.url);
    out << "      </event>\n";
}

}  // namespace

void write_xml(std::ostream& out, const Schedule& schedule) {
    const auto& conference = schedule.conference;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n";
    out << fmt::format("  <generator name=\"convene\" version=\"{}\"/>\n", CONVENE_VERSION);
    element(out, 2, "version", detail::version(conference));
    out << "  <conference>\n";
    element(out, 4, "acronym", detail::acronym(conference));
    element(out, 4, "title", conference.title);
    element(out, 4, "start", detail::conference_start(conference));
    element(out, 4, "end", detail::conference_end(conference));
    const auto days = days_of(schedule);
    element(out, 4, "days", std::to_string(days.size()));
    element(out, 4, "timeslot_duration", "00:05");
    element(out, 4, "time_zone_name", conference.timezone);
    if (!schedule.base_url.empty()) element(out, 4, "base_url", schedule.base_url);
    for (const auto* link : {&conference.registration_url, &conference.online_url}) {
        if (link->starts_with("https://") || link->starts_with("http://")) {
            element(out, 4, "url", *link);
            break;
        }
    }
    write_tracks(out, schedule);
    out << "  </conference>\n";
    const auto& zone = domain::known_zone(conference.timezone);
    for (const auto& day : days) {
        out << fmt::format("  <day index=\"{}\" date=\"{}\" start=\"{}\" end=\"{}\">\n", day.index,
                           domain::format_date(day.date), domain::format_iso_local(day.start, zone),
                           domain::format_iso_local(day.end, zone));
        for (const auto& room : day.rooms) {
            out << fmt::format("    <room name=\"{}\" guid=\"{}\">\n", xml_escape(room.name),
                               guid_for("room:" + room.name + "@" + conference.uid));
            for (const auto* talk : room.talks) write_talk(out, schedule, *talk);
            out << "    </room>\n";
        }
        out << "  </day>\n";
    }
    out << "</schedule>\n";
}

}  // namespace convene::frab
