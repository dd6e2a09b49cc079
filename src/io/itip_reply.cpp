#include "convene/io/itip_reply.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <libical/ical.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/text/strings.hpp"

namespace convene::io {

namespace {

struct FreeComponent {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, FreeComponent>;

[[noreturn]] void bad(std::string_view source, std::string_view what) {
    throw BadInputError(fmt::format("{}: {}", source, what));
}

std::string address_of(std::string_view value) {
    if (text::lowercase_ascii(value.substr(0, 7)) == "mailto:") value.remove_prefix(7);
    return std::string(value);
}

domain::Instant instant_of(icaltimetype time) {
    const icaltimetype utc = icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone());
    const auto day = date::sys_days{date::year{utc.year} / utc.month / utc.day};
    return domain::Instant{day} + std::chrono::hours{utc.hour} + std::chrono::minutes{utc.minute} +
           std::chrono::seconds{utc.second};
}

}  // namespace

namespace {

// DTSTAMP orders the answers of one person: without a real date-time, an answer could never be
// told from an older one.
domain::Instant stamp_of(icalcomponent* event, std::string_view source) {
    icalproperty* property = icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY);
    if (!property) bad(source, "the REPLY has no DTSTAMP (or one libical cannot read as a date)");
    const icaltimetype stamp = icalproperty_get_dtstamp(property);
    const bool in_range = stamp.year >= domain::k_min_year && stamp.year <= domain::k_max_year &&
                          stamp.month >= 1 && stamp.month <= 12 && stamp.day >= 1 &&
                          stamp.day <= icaltime_days_in_month(stamp.month, stamp.year) &&
                          stamp.hour >= 0 && stamp.hour < 24 && stamp.minute >= 0 &&
                          stamp.minute < 60 && stamp.second >= 0 && stamp.second <= 60;
    if (icaltime_is_null_time(stamp) || !icaltime_is_valid_time(stamp) || stamp.is_date ||
        !in_range) {
        bad(source, "the REPLY's DTSTAMP is not a date and time");
    }
    return instant_of(stamp);
}

ItipReply read_event(icalcomponent* event, std::string_view source) {
    ItipReply reply;
    const char* uid = icalcomponent_get_uid(event);
    if (!uid || !*uid) bad(source, "the REPLY has no UID");
    reply.uid = uid;
    reply.sequence = icalcomponent_get_sequence(event);
    reply.stamp = stamp_of(event, source);

    icalproperty* attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY);
    if (!attendee) bad(source, "the REPLY names no ATTENDEE");
    if (icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
        bad(source, "a REPLY names exactly one ATTENDEE (RFC 5546 §3.2.3)");
    }
    const char* address = icalproperty_get_attendee(attendee);
    reply.attendee = address_of(address ? address : "");
    icalparameter* partstat = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER);
    if (!partstat) bad(source, "the ATTENDEE of the REPLY has no PARTSTAT");
    if (icalproperty_get_next_parameter(attendee, ICAL_PARTSTAT_PARAMETER)) {
        bad(source, "the ATTENDEE of the REPLY has more than one PARTSTAT");
    }
    const char* value = icalparameter_enum_to_string(icalparameter_get_partstat(partstat));
    reply.partstat = value ? value : "";
    if (reply.partstat != "ACCEPTED" && reply.partstat != "DECLINED" &&
        reply.partstat != "TENTATIVE" && reply.partstat != "DELEGATED") {
        bad(source, fmt::format("PARTSTAT {} is not an answer (ACCEPTED, DECLINED, TENTATIVE or "
                                "DELEGATED)",
                                reply.partstat.empty() ? "?" : reply.partstat));
    }
    return reply;
}

bool same_address(std::string_view a, std::string_view b) {
    return text::lowercase_ascii(a) == text::lowercase_ascii(b);
}

}  // namespace

ItipReply parse_reply(std::string_view input, std::string_view source) {
    const std::string text = calendar_text(input, source);
    Component root(icalparser_parse_string(text.c_str()));
    if (!root) bad(source, "not an iCalendar object libical can read");
    icalcomponent* calendar = root.get();
    if (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
        calendar = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
        if (!calendar) bad(source, "no VCALENDAR");
    }
    if (icalcomponent_get_method(calendar) != ICAL_METHOD_REPLY) {
        const auto method = icalcomponent_get_method(calendar);
        bad(source,
            fmt::format("not an iTIP REPLY (METHOD is {})",
                        method == ICAL_METHOD_NONE ? "missing"
                                                   : icalproperty_method_to_string(method)));
    }
    icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
    if (!event) bad(source, "the REPLY has no VEVENT");
    const ItipReply reply = read_event(event, source);
    // One person, one answer: further VEVENTs must say the same, or which one counts is a
    // guess (RFC 5546 lets a REPLY answer several instances; convene's events have one).
    while ((event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))) {
        const ItipReply other = read_event(event, source);
        if (other.uid != reply.uid || other.sequence != reply.sequence ||
            other.partstat != reply.partstat || !same_address(other.attendee, reply.attendee)) {
            bad(source,
                fmt::format("the REPLY holds VEVENTs that disagree ({} sequence {} and {} "
                            "sequence {}); answer once",
                            reply.partstat, reply.sequence, other.partstat, other.sequence));
        }
    }
    return reply;
}

}  // namespace convene::io
