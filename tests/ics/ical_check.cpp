// ical_check FILE.ics: an independent reading of convene's iCalendar output through libical.
// Parses the file, runs libical's iTIP restriction checks when METHOD is present, reports
// every X-LIC-ERROR (libical's way of flagging what it could not parse or what breaks a
// restriction) and every TZID without a VTIMEZONE, then prints one line per VEVENT:
//   UID<TAB>DTSTART-as-UTC<TAB>DTEND-as-UTC     (2022-04-13T13:00:00Z, or 2022-04-11 for DATE)
// Times are resolved through the VTIMEZONEs in the file only, never libical's own zone data,
// so a wrong VTIMEZONE shows up as a wrong instant. Exit 0 when clean, 1 on findings, 2 when
// the file cannot be read.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <libical/ical.h>

namespace {

int g_problems = 0;

void report(const std::string& message) {
    std::cerr << "ical_check: " << message << '\n';
    ++g_problems;
}

std::string kind_name(icalcomponent* component) {
    return icalcomponent_kind_to_string(icalcomponent_isa(component));
}

// X-LIC-ERRORs and unresolvable TZIDs anywhere below `component`.
void check_tree(icalcomponent* root, icalcomponent* component) {
    for (auto* error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); error;
         error = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        report("X-LIC-ERROR in " + kind_name(component) + ": " + icalproperty_get_xlicerror(error));
    }
    for (auto* property = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); property;
         property = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
        auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
        if (tzid && !icalcomponent_get_timezone(root, icalparameter_get_tzid(tzid))) {
            report(std::string("TZID=") + icalparameter_get_tzid(tzid) + " on " +
                   icalproperty_get_property_name(property) + " has no VTIMEZONE in the file");
        }
    }
    for (auto* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        check_tree(root, child);
    }
}

std::string format(icaltimetype time) {
    char text[32];
    if (time.is_date) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", time.year, time.month, time.day);
    } else {
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", time.year, time.month,
                      time.day, time.hour, time.minute, time.second);
    }
    return text;
}

// The property's time as UTC (or as a date), "?" after reporting when it cannot be resolved.
std::string utc_of(icalcomponent* root, icalproperty* property, const std::string& uid) {
    icaltimetype time = icalvalue_get_datetime(icalproperty_get_value(property));
    if (icaltime_is_null_time(time)) {
        report(uid + ": " + icalproperty_get_property_name(property) + " has no valid time");
        return "?";
    }
    if (time.is_date) return format(time);
    if (auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER)) {
        auto* zone = icalcomponent_get_timezone(root, icalparameter_get_tzid(tzid));
        if (!zone) return "?";  // reported by check_tree
        if (icaltime_is_utc(time)) report(uid + ": a UTC (Z) time with a TZID");
        time = icaltime_set_timezone(&time, zone);
    } else if (!icaltime_is_utc(time)) {
        report(uid + ": " + icalproperty_get_property_name(property) + " is a floating time");
        return "?";
    }
    return format(icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone()));
}

void print_event(icalcomponent* root, icalcomponent* event) {
    const char* uid_text = icalcomponent_get_uid(event);
    const std::string uid = uid_text ? uid_text : "";
    if (uid.empty()) report("a VEVENT without UID");
    auto* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    auto* end = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY);
    auto* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY);
    if (!start) {
        report(uid + ": no DTSTART");
        return;
    }
    std::string end_text = "-";
    if (end && duration) report(uid + ": both DTEND and DURATION");
    if (end) {
        end_text = utc_of(root, end, uid);
    } else if (duration) {
        // icalcomponent_get_dtend adds DURATION to DTSTART in DTSTART's zone.
        icaltimetype computed = icalcomponent_get_dtend(event);
        end_text =
            computed.is_date
                ? format(computed)
                : format(icaltime_convert_to_zone(computed, icaltimezone_get_utc_timezone()));
    }
    std::cout << uid << '\t' << utc_of(root, start, uid) << '\t' << end_text << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: ical_check FILE.ics\n";
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) {
        std::cerr << "ical_check: cannot read " << argv[1] << '\n';
        return 2;
    }
    std::ostringstream content;
    content << file.rdbuf();

    icalerror_set_errors_are_fatal(0);
    icalcomponent* root = icalparser_parse_string(content.str().c_str());
    if (!root) {
        std::cerr << "ical_check: libical could not parse " << argv[1] << '\n';
        return 1;
    }
    if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        report("the top-level component is " + kind_name(root) + ", not VCALENDAR");
    }
    // The restriction tables are per METHOD: without one, libical has nothing to check against.
    if (icalcomponent_get_first_property(root, ICAL_METHOD_PROPERTY)) icalrestriction_check(root);
    check_tree(root, root);
    for (auto* event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        print_event(root, event);
    }
    icalcomponent_free(root);
    return g_problems == 0 ? 0 : 1;
}
