#include "convene/domain/event_input.hpp"

#include <fmt/format.h>

#include "convene/domain/languages.hpp"

namespace convene::domain {

namespace {

std::optional<Problem> set_url(const std::optional<std::string>& given, std::string& url,
                               const char* field) {
    if (!given) return std::nullopt;
    if (!given->empty() && !is_url(*given)) {
        return Problem{field, fmt::format("'{}' is not a URL", *given),
                       "give the full link, e.g. https://example.org/register"};
    }
    url = *given;
    return std::nullopt;
}

// The checked value a rule made of `given` into `field`, or the rule's problem.
template <typename T, typename Parse>
std::optional<Problem> set_parsed(const std::optional<std::string>& given, T& field, Parse parse) {
    if (!given) return std::nullopt;
    auto parsed = parse(*given);
    if (!parsed) return parsed.problem();
    field = *std::move(parsed);
    return std::nullopt;
}

// The tracks as written, each "Name" or "Name=#rrggbb", in place of the event's.
std::optional<Problem> set_tracks(const std::optional<std::vector<std::string>>& given,
                                  std::vector<Track>& tracks) {
    if (!given) return std::nullopt;
    std::vector<Track> parsed;
    for (const auto& text : *given) {
        if (text.empty()) continue;  // as with organisers: [""] clears the list
        auto track = parse_track(text);
        if (!track) return track.problem();
        parsed.push_back(*std::move(track));
    }
    tracks = std::move(parsed);
    return std::nullopt;
}

// The organisers as written, each "Name" or "role: Name", in place of the event's.
std::optional<Problem> set_organisers(const std::optional<std::vector<std::string>>& given,
                                      std::vector<Organiser>& organisers) {
    if (!given) return std::nullopt;
    std::vector<Organiser> parsed;
    for (const auto& text : *given) {
        if (text.empty()) continue;  // [""] clears the list
        auto organiser = parse_organiser(text);
        if (organiser.name.empty()) {
            return Problem{"organisers", fmt::format("the organiser '{}' has no name", text),
                           "write an organiser as NAME or ROLE: NAME, e.g. 'partner: IOM'"};
        }
        parsed.push_back(std::move(organiser));
    }
    organisers = std::move(parsed);
    return std::nullopt;
}

}  // namespace

std::string slug_for(const EventInput& input) {
    return input.slug ? *input.slug : slugify(input.title.value_or(""));
}

std::optional<Problem> apply(const EventInput& input, Event& event, const EventDefaults& defaults) {
    const bool is_new = event.id == 0;
    if (input.title) event.title = *input.title;
    if (input.slug) {
        if (auto problem = check_slug(*input.slug)) return problem;
    }
    if (input.slug || is_new) event.slug = slug_for(input);
    if (input.description) event.description = *input.description;
    if (auto problem = apply_times(input.times, event, defaults.zone)) return problem;
    if (input.venue) event.venue = *input.venue;
    if (input.track) event.track = *input.track;
    if (input.type) event.session_type = *input.type;
    if (input.room) event.room = *input.room;
    if (auto problem = set_tracks(input.tracks, event.tracks)) return problem;
    if (auto problem = set_url(input.online_url, event.online_url, "online")) return problem;
    if (auto problem = set_url(input.join_url, event.join_url, "join-url")) return problem;
    if (auto problem =
            set_url(input.registration_url, event.registration_url, "registration-url")) {
        return problem;
    }
    if (input.languages) {
        auto tags = parse_languages(*input.languages);
        if (!tags) return tags.problem();
        event.languages = *std::move(tags);
    }
    if (auto problem = set_parsed(input.locale, event.locale, parse_locale)) return problem;
    if (!input.locale && is_new) event.locale = defaults.locale;
    if (auto problem = set_organisers(input.organisers, event.organisers)) return problem;
    if (input.no_capacity) event.capacity.reset();
    if (input.capacity) event.capacity = *input.capacity;
    if (auto problem = set_parsed(input.status, event.status, parse_event_status)) return problem;
    // Cancelling notifies people and keeps the event's registrations: its own workflow.
    if (input.status && event.status == EventStatus::cancelled) {
        return Problem{"status", "use 'convene cancel-event' to cancel an event", {}};
    }
    return validate(event);
}

}  // namespace convene::domain
