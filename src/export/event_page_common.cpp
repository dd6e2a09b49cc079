#include "convene/export/event_page.hpp"

#include "convene/domain/time.hpp"

namespace convene::page {

std::string when(const l10n::Locale& locale, const domain::Event& event, const std::string& zone) {
    return locale.when(event, zone);
}

std::string item_time(const l10n::Locale& locale, const domain::AgendaItem& item,
                      const domain::Event& event) {
    if (!item.start) return {};
    const auto& zone = domain::known_zone(event.timezone);
    const auto [begin, end] = domain::event_bounds(event);
    // The last instant of the event decides whether it spans several local days.
    const bool several_days = domain::to_local(begin, zone).day !=
                              domain::to_local(end - std::chrono::seconds{1}, zone).day;
    if (item.duration) {
        const domain::Instant until = *item.start + *item.duration;
        return locale.span(*item.start, &until, event.timezone, several_days);
    }
    return locale.span(*item.start, nullptr, event.timezone, several_days);
}

std::string speaker_line(const domain::Speaker& speaker) {
    std::string line = speaker.name;
    for (const auto* part : {&speaker.role, &speaker.organisation}) {
        if (!part->empty()) line += ", " + *part;
    }
    return line;
}

std::string language_names(const l10n::Locale& locale, const std::vector<std::string>& tags) {
    std::vector<std::string> names;
    names.reserve(tags.size());
    for (const auto& tag : tags) names.push_back(locale.language_name(tag));
    return names.empty() ? std::string() : locale.list(names);
}

std::string online_text(const l10n::Locale& locale, const domain::Event& event) {
    if (!event.online_url.empty()) return event.online_url;
    return event.join_url.empty() ? std::string() : locale.tr("link sent to registered people");
}

namespace {

// Prepositional labels, so that no language has to agree them with the event's gender
// ("Séance … dirigée" against "Atelier … dirigé").
const char* organiser_label(domain::OrganiserRole role) {
    switch (role) {
        case domain::OrganiserRole::none: return l10n::msg("Organisers:");
        case domain::OrganiserRole::lead: return l10n::msg("Led by:");
        case domain::OrganiserRole::co_lead: return l10n::msg("Co-led by:");
        case domain::OrganiserRole::partner: return l10n::msg("In partnership with:");
        case domain::OrganiserRole::host: return l10n::msg("Hosted by:");
        case domain::OrganiserRole::sponsor: return l10n::msg("With the support of:");
    }
    return l10n::msg("Organisers:");
}

}  // namespace

std::vector<OrganiserLine> organiser_lines(const l10n::Locale& locale, const domain::Event& event) {
    std::vector<OrganiserLine> lines;
    for (const auto& group : domain::organiser_groups(event.organisers)) {
        lines.push_back({organiser_label(group.role), locale.list(group.names)});
    }
    return lines;
}

std::string status_text(const l10n::Locale& locale, domain::EventStatus status) {
    switch (status) {
        case domain::EventStatus::tentative: return locale.tr("tentative");
        case domain::EventStatus::confirmed: return locale.tr("confirmed");
        case domain::EventStatus::cancelled: return locale.tr("cancelled");
    }
    return {};
}

std::string status_note(const l10n::Locale& locale, domain::EventStatus status) {
    // A page is confirmed unless it says otherwise: "Status: confirmed" on every page read as
    // a form's field, not as what an organiser would write.
    if (status == domain::EventStatus::confirmed) return {};
    return status_text(locale, status);
}

std::string kind_text(const l10n::Locale& locale, const std::string& kind) {
    if (kind == "talk") return locale.tr("talk");
    if (kind == "discussion") return locale.tr("discussion");
    if (kind == "break") return locale.tr("break");
    if (kind == "other") return locale.tr("other");
    return kind;
}

}  // namespace convene::page
