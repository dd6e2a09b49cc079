#include "convene/io/itip_reply.hpp"

#include <memory>

#include <fmt/format.h>
#include <libical/ical.h>

#include "convene/error.hpp"

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
    if (value.size() >= 7) {
        std::string scheme(value.substr(0, 7));
        for (char& c : scheme) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (scheme == "mailto:") value.remove_prefix(7);
    }
    return std::string(value);
}

domain::Instant instant_of(icaltimetype time) {
    const icaltimetype utc = icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone());
    const auto day = date::sys_days{date::year{utc.year} / utc.month / utc.day};
    return domain::Instant{day} + std::chrono::hours{utc.hour} + std::chrono::minutes{utc.minute} +
           std::chrono::seconds{utc.second};
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

    ItipReply reply;
    const char* uid = icalcomponent_get_uid(event);
    if (!uid || !*uid) bad(source, "the REPLY has no UID");
    reply.uid = uid;
    reply.sequence = icalcomponent_get_sequence(event);
    const icaltimetype stamp = icalcomponent_get_dtstamp(event);
    if (!icaltime_is_null_time(stamp)) reply.stamp = instant_of(stamp);

    icalproperty* attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY);
    if (!attendee) bad(source, "the REPLY names no ATTENDEE");
    if (icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
        bad(source, "a REPLY names exactly one ATTENDEE (RFC 5546 §3.2.3)");
    }
    reply.attendee = address_of(icalproperty_get_attendee(attendee));
    icalparameter* partstat = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER);
    if (!partstat) bad(source, "the ATTENDEE of the REPLY has no PARTSTAT");
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

}  // namespace convene::io
