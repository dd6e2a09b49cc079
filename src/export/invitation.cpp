#include "convene/export/invitation.hpp"

#include <ostream>
#include <sstream>
#include <stdexcept>

#include "convene/text/hash.hpp"

namespace convene::ics {

namespace {

constexpr std::size_t k_max_name_stem = 64;

Revision revision_for(const domain::Event& event, domain::Itip method) {
    const bool cancelled = event.status == domain::EventStatus::cancelled;
    if (method == domain::Itip::request) {
        if (cancelled) {
            throw std::logic_error("a cancelled event can only be sent as METHOD:CANCEL");
        }
        return revision_of(event);
    }
    if (cancelled) return revision_of(event);
    return Revision{.sequence = event.sequence + 1, .with_status = false};
}

// A person without a name is shown by their address: clients display CN, and an empty CN
// reads as a blank line in Outlook's attendee list.
std::string_view display_name(const Person& person) {
    return person.name.empty() ? person.email : person.name;
}

std::string mailto(const Person& person) { return "mailto:" + person.email; }

}  // namespace

std::string_view method_name(domain::Itip method) { return domain::to_string(method); }

Invitation::Invitation(const domain::Event& event, const EventDetails& details,
                       const Person& organiser, domain::Itip method, domain::Instant stamp)
    : Invitation(event, details, organiser, method, stamp, revision_for(event, method).sequence) {}

Invitation::Invitation(const domain::Event& event, const EventDetails& details,
                       const Person& organiser, domain::Itip method, domain::Instant stamp,
                       std::int64_t sequence)
    : m_method(method), m_sequence(sequence) {
    Revision revision = revision_for(event, method);
    revision.sequence = sequence;
    std::ostringstream out;
    Writer writer(out);
    begin_calendar(writer, "", method_name(method));
    ZoneRanges zones;
    zones.add(event);
    zones.write(writer);
    writer.begin("VEVENT");
    write_event_properties(writer, event, details, stamp, Audience::invitee, revision);
    writer.uri("ORGANIZER", {{"CN", display_name(organiser)}}, mailto(organiser));
    const auto head_size = out.tellp();
    // Reminders come with an invitation, never with a cancellation.
    if (method == domain::Itip::request) write_alarms(writer, event, details.reminders);
    writer.end("VEVENT");
    writer.end("VCALENDAR");
    std::string all = std::move(out).str();
    m_tail = all.substr(static_cast<std::size_t>(head_size));
    all.resize(static_cast<std::size_t>(head_size));
    m_head = std::move(all);
}

void Invitation::write(std::ostream& out, const Person& attendee) const {
    out << m_head;
    Writer writer(out);
    if (m_method == domain::Itip::request) {
        writer.uri("ATTENDEE",
                   {{"CN", display_name(attendee)},
                    {"ROLE", "REQ-PARTICIPANT"},
                    {"PARTSTAT", "NEEDS-ACTION"},
                    {"RSVP", "TRUE"}},
                   mailto(attendee));
    } else {
        writer.uri("ATTENDEE", {{"CN", display_name(attendee)}, {"ROLE", "REQ-PARTICIPANT"}},
                   mailto(attendee));
    }
    out << m_tail;
}

std::string Invitation::to_string(const Person& attendee) const {
    std::ostringstream out;
    write(out, attendee);
    return std::move(out).str();
}

std::string invitation_file_name(std::string_view email, std::string_view extension) {
    const auto lower = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    // The hash is of the lowercased address: registrations compare emails case-insensitively,
    // and case-insensitive file systems would merge names differing only in case anyway.
    std::uint64_t hash = text::fnv1a_64({});
    for (const char c : email) hash = text::fnv1a_64_step(hash, lower(c));

    // One string, sized once: this runs once per invitation written.
    std::string name;
    name.reserve(k_max_name_stem + 10 + extension.size());
    for (const char c : email) {
        const char l = lower(c);
        const bool safe =
            (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' || l == '-';
        if (name.empty() && (l == '.' || l == '-')) {
            continue;  // no hidden files, no option look-alikes
        }
        name += safe ? l : '_';
        if (name.size() == k_max_name_stem) break;
    }
    if (name.empty()) name = "invitation";
    name += '-';
    text::append_short_hash(name, hash, 8);
    name += '.';
    name += extension;
    return name;
}

}  // namespace convene::ics
