#include "frab_common.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/domain/time.hpp"

namespace convene::frab::detail {

std::string acronym(const domain::Event& conference) {
    std::string text = conference.slug;
    std::replace(text.begin(), text.end(), '-', '_');
    while (text.size() < 4) text += '_';
    return text;
}

std::string talk_slug(const Schedule& schedule, const Talk& talk) {
    return fmt::format("{}-{}-{}", acronym(schedule.conference), talk.id,
                       domain::slugify(talk.title));
}

std::string person_guid(const Schedule& schedule, const Person& person) {
    return guid_for("person:" + person.name + "@" + schedule.conference.uid);
}

std::string hours_minutes(std::chrono::seconds duration) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(duration).count();
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string conference_start(const domain::Event& conference) {
    if (conference.all_day) return domain::format_date(conference.start_date);
    return domain::format_iso_local(conference.start, domain::known_zone(conference.timezone));
}

std::string conference_end(const domain::Event& conference) {
    if (conference.all_day) return domain::format_date(conference.end_date);
    return domain::format_iso_local(conference.end, domain::known_zone(conference.timezone));
}

std::string version(const domain::Event& conference) { return std::to_string(conference.sequence); }

}  // namespace convene::frab::detail
