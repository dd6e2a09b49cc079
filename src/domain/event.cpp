#include "convene/domain/event.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/limits.hpp"
#include "convene/text/strings.hpp"

namespace convene::domain {

std::string_view to_string(EventStatus status) {
    switch (status) {
        case EventStatus::tentative: return "tentative";
        case EventStatus::confirmed: return "confirmed";
        case EventStatus::cancelled: return "cancelled";
    }
    return "confirmed";
}

Checked<EventStatus> parse_event_status(std::string_view text) {
    for (auto status : {EventStatus::tentative, EventStatus::confirmed, EventStatus::cancelled}) {
        if (text == to_string(status)) return status;
    }
    return Problem{"status", fmt::format("unknown event status '{}'", text),
                   "use tentative, confirmed or cancelled"};
}

namespace {

// Latin letters with diacritics that French, Spanish, German and friends use, folded to ASCII
// so that "Séance d'information" becomes "seance-d-information".
struct Fold {
    std::string_view from;
    std::string_view to;
};
constexpr std::array k_folds{
    Fold{"à", "a"},  Fold{"á", "a"},  Fold{"â", "a"},  Fold{"ä", "a"},  Fold{"ã", "a"},
    Fold{"å", "a"},  Fold{"À", "a"},  Fold{"Á", "a"},  Fold{"Â", "a"},  Fold{"Ä", "a"},
    Fold{"Ã", "a"},  Fold{"Å", "a"},  Fold{"ç", "c"},  Fold{"Ç", "c"},  Fold{"è", "e"},
    Fold{"é", "e"},  Fold{"ê", "e"},  Fold{"ë", "e"},  Fold{"È", "e"},  Fold{"É", "e"},
    Fold{"Ê", "e"},  Fold{"Ë", "e"},  Fold{"ì", "i"},  Fold{"í", "i"},  Fold{"î", "i"},
    Fold{"ï", "i"},  Fold{"Ì", "i"},  Fold{"Í", "i"},  Fold{"Î", "i"},  Fold{"Ï", "i"},
    Fold{"ñ", "n"},  Fold{"Ñ", "n"},  Fold{"ò", "o"},  Fold{"ó", "o"},  Fold{"ô", "o"},
    Fold{"ö", "o"},  Fold{"õ", "o"},  Fold{"ø", "o"},  Fold{"Ò", "o"},  Fold{"Ó", "o"},
    Fold{"Ô", "o"},  Fold{"Ö", "o"},  Fold{"Õ", "o"},  Fold{"Ø", "o"},  Fold{"ù", "u"},
    Fold{"ú", "u"},  Fold{"û", "u"},  Fold{"ü", "u"},  Fold{"Ù", "u"},  Fold{"Ú", "u"},
    Fold{"Û", "u"},  Fold{"Ü", "u"},  Fold{"ý", "y"},  Fold{"ÿ", "y"},  Fold{"Ý", "y"},
    Fold{"œ", "oe"}, Fold{"Œ", "oe"}, Fold{"æ", "ae"}, Fold{"Æ", "ae"}, Fold{"ß", "ss"},
};

// Long enough to tell events apart, short enough to type: cut at a word boundary.
constexpr std::size_t k_max_slug_length = 40;

}  // namespace

std::string slugify(std::string_view title) {
    std::string slug;
    bool pending_dash = false;
    auto append = [&](std::string_view piece) {
        if (pending_dash && !slug.empty()) slug += '-';
        pending_dash = false;
        slug += piece;
    };
    for (std::size_t i = 0; i < title.size();) {
        const unsigned char c = static_cast<unsigned char>(title[i]);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            append(std::string_view(&title[i], 1));
            ++i;
            continue;
        }
        if (c >= 'A' && c <= 'Z') {
            const char lower = static_cast<char>(c - 'A' + 'a');
            append(std::string_view(&lower, 1));
            ++i;
            continue;
        }
        bool folded = false;
        if (c >= 0x80) {
            for (const auto& fold : k_folds) {
                if (title.substr(i).starts_with(fold.from)) {
                    append(fold.to);
                    i += fold.from.size();
                    folded = true;
                    break;
                }
            }
        }
        if (folded) continue;
        // Anything else separates words; skip a whole UTF-8 sequence at once.
        pending_dash = true;
        ++i;
        while (i < title.size() && (static_cast<unsigned char>(title[i]) & 0xC0) == 0x80) ++i;
    }
    if (slug.size() > k_max_slug_length) {
        // Keep whole words when the first one fits; else cut the one long word.
        const auto dash = slug.rfind('-', k_max_slug_length);
        slug.resize(dash != std::string::npos && dash > 0 ? dash : k_max_slug_length);
        while (!slug.empty() && slug.back() == '-') slug.pop_back();
    }
    return slug.empty() ? std::string("event") : slug;
}

bool is_valid_slug(std::string_view slug) {
    if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
    bool all_digits = true;
    for (char c : slug) {
        const bool digit = c >= '0' && c <= '9';
        if (!digit) all_digits = false;
        if (!(digit || (c >= 'a' && c <= 'z') || c == '-')) return false;
    }
    return !all_digits;  // an all-digit slug would be read as an event id
}

bool is_url(std::string_view text) {
    // Links people click in calendars and pages: web addresses with a host only, so that
    // "javascript:…", "file:///…" or "https:///path" never become one.
    const auto scheme = text::lowercase_ascii(text.substr(0, text.find(':')));
    if (text.find(':') == std::string_view::npos || (scheme != "https" && scheme != "http")) {
        return false;
    }
    const auto rest = text.substr(scheme.size() + 1);
    if (!rest.starts_with("//")) return false;
    const auto host = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    if (host.empty() || host.find('@') != std::string_view::npos) return false;
    for (const char c : text) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    }
    return true;
}

namespace {

bool is_colour(std::string_view text) {
    if (text.size() != 7 || text[0] != '#') return false;
    for (const char c : text.substr(1)) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

}  // namespace

Checked<Track> parse_track(std::string_view text) {
    Track track;
    const auto equals = text.rfind('=');
    track.name = std::string(text::trim(text.substr(0, equals)));
    if (equals != std::string_view::npos) {
        const auto colour = text::trim(text.substr(equals + 1));
        if (!colour.empty() && !is_colour(colour)) {
            return Problem{"tracks", fmt::format("'{}' is not a colour", colour),
                           "write a track as NAME or NAME=#rrggbb, e.g. 'Migration=#1f77b4'"};
        }
        track.colour = text::lowercase_ascii(colour);
    }
    if (track.name.empty()) {
        return Problem{"tracks", fmt::format("the track '{}' has no name", text),
                       "write a track as NAME or NAME=#rrggbb, e.g. 'Migration=#1f77b4'"};
    }
    return track;
}

std::optional<std::string> undeclared_track(const Event& session, const Event& parent) {
    if (session.track.empty() || parent.tracks.empty()) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& track : parent.tracks) {
        if (text::lowercase_ascii(track.name) == text::lowercase_ascii(session.track)) {
            return std::nullopt;
        }
        names.push_back("'" + track.name + "'");
    }
    return fmt::format(
        "{}: the track '{}' is not one of {}'s tracks ({}); schedules show it as "
        "a track of its own",
        session.slug, session.track, parent.slug, fmt::join(names, ", "));
}

const std::string& meeting_link(const Event& event) {
    return event.join_url.empty() ? event.online_url : event.join_url;
}

bool has_private_link_only(const Event& event) {
    return !event.join_url.empty() && event.online_url.empty();
}

bool changes_calendar(const Event& before, const Event& after) {
    return before.title != after.title || before.all_day != after.all_day ||
           before.start != after.start || before.end != after.end ||
           before.start_date != after.start_date || before.end_date != after.end_date ||
           before.timezone != after.timezone || before.venue != after.venue ||
           before.room != after.room || before.online_url != after.online_url ||
           before.join_url != after.join_url || before.status != after.status;
}

namespace {
constexpr std::array<std::string_view, 3> k_locales{"en", "fr", "es"};
}  // namespace

std::span<const std::string_view> supported_locales() { return k_locales; }

std::string supported_locale(std::string_view tag) {
    const auto primary = text::lowercase_ascii(tag.substr(0, tag.find_first_of("-_")));
    for (const auto locale : k_locales) {
        if (locale == primary) return primary;
    }
    return {};
}

namespace {

// The region of a tag ("GB" of "en-gb", "419" of "es_419", "GB" of "en-Latn-GB"), upper case,
// or "" when it names none: the region decides what the language leaves open, such as the
// clock (en-GB and en-US write 15:00 and 3:00 PM).
std::string region_of(std::string_view tag) {
    const auto all = [](std::string_view part, bool digits) {
        return std::all_of(part.begin(), part.end(), [digits](char c) {
            const auto u = static_cast<unsigned char>(c);
            return (digits ? std::isdigit(u) : std::isalpha(u)) != 0;
        });
    };
    for (auto begin = tag.find_first_of("-_"); begin != std::string_view::npos;) {
        const auto end = tag.find_first_of("-_", begin + 1);
        const auto part =
            tag.substr(begin + 1, end == std::string_view::npos ? end : end - begin - 1);
        if ((part.size() == 2 && all(part, false)) || (part.size() == 3 && all(part, true))) {
            std::string region(part);
            for (auto& c : region)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return region;
        }
        if (part.size() != 4) return {};  // only a script ("Latn") comes before a region
        begin = end;
    }
    return {};
}

}  // namespace

Checked<std::string> parse_locale(std::string_view tag) {
    auto locale = supported_locale(tag);
    if (!locale.empty()) {
        const auto region = region_of(tag);
        return region.empty() ? locale : locale + "-" + region;
    }
    return Problem{"locale", fmt::format("convene does not write in '{}'", tag),
                   fmt::format("use one of {}", fmt::join(k_locales, ", "))};
}

std::vector<std::string> page_locales(const Event& event) {
    std::vector<std::string> locales{event.locale.empty() ? std::string("en") : event.locale};
    for (const auto& tag : event.languages) {
        auto locale = parse_locale(tag);
        if (!locale) continue;
        const auto same = [&](const std::string& known) {
            return supported_locale(known) == supported_locale(*locale);
        };
        if (std::none_of(locales.begin(), locales.end(), same)) locales.push_back(*locale);
    }
    return locales;
}

std::optional<Problem> check_slug(std::string_view slug) {
    if (is_valid_slug(slug)) return std::nullopt;
    return Problem{"slug", fmt::format("invalid slug '{}'", slug),
                   "a slug uses a-z, 0-9 and '-', and is not only digits"};
}

namespace {

// A session's track, type and room, and the tracks a parent declares.
std::optional<Problem> validate_programme(const Event& event) {
    const std::pair<const char*, const std::string&> texts[] = {
        {"track", event.track}, {"type", event.session_type}, {"room", event.room}};
    for (const auto& [field, text] : texts) {
        if (auto problem = text_problem(fmt::format("the {}", field), text, k_max_short_text)) {
            return Problem{field, std::move(*problem), {}};
        }
    }
    for (std::size_t i = 0; i < event.tracks.size(); ++i) {
        const auto& track = event.tracks[i];
        if (auto problem = text_problem("a track", track.name, k_max_short_text)) {
            return Problem{"tracks", std::move(*problem), {}};
        }
        if (track.name.empty() || (!track.colour.empty() && !is_colour(track.colour))) {
            return Problem{"tracks",
                           fmt::format("the track '{}' is not NAME or NAME=#rrggbb", track.name),
                           {}};
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (text::lowercase_ascii(event.tracks[j].name) == text::lowercase_ascii(track.name)) {
                return Problem{
                    "tracks", fmt::format("the track '{}' is declared twice", track.name), {}};
            }
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<Problem> validate(const Event& event) {
    if (text::trim(event.title).empty()) return Problem{"title", "an event needs a title", {}};
    if (auto problem = check_slug(event.slug)) return problem;
    if (event.all_day) {
        if (event.end_date < event.start_date) {
            return Problem{"end-date", "the end date is before the start date", {}};
        }
    } else if (event.end <= event.start) {
        return Problem{"end", "the end is not after the start", {}};
    }
    if (event.capacity && *event.capacity < 0) {
        return Problem{
            "capacity", fmt::format("capacity must be zero or more, not {}", *event.capacity), {}};
    }
    if (event.capacity && *event.capacity > k_max_capacity) {
        return Problem{
            "capacity",
            fmt::format("capacity must be at most {}, not {}", k_max_capacity, *event.capacity),
            {}};
    }
    const bool in_range = event.all_day
                              ? within_years(event.start_date) && within_years(event.end_date)
                              : within_years(event.start) && within_years(event.end);
    if (!in_range) {
        return Problem{
            event.all_day ? "date" : "start",
            fmt::format("the event must lie between the years {} and {}", k_min_year, k_max_year),
            {}};
    }
    if (!event.all_day && event.end - event.start > k_max_duration) {
        return Problem{
            "end",
            fmt::format("the event lasts more than {} days", k_max_duration / std::chrono::days{1}),
            "make it an all-day event with a first and a last date"};
    }
    struct Text {
        const char* field;
        const char* what;
        const std::string& text;
        std::size_t max;
        TextKind kind;
    };
    const Text texts[] = {
        {"title", "the title", event.title, k_max_short_text, TextKind::line},
        {"description", "the description", event.description, k_max_long_text, TextKind::markdown},
        {"venue", "the venue", event.venue, k_max_short_text, TextKind::line},
        {"online", "the online URL", event.online_url, k_max_url, TextKind::line},
        {"join-url", "the join URL", event.join_url, k_max_url, TextKind::line},
        {"registration-url", "the registration URL", event.registration_url, k_max_url,
         TextKind::line},
    };
    for (const auto& field : texts) {
        if (auto problem = text_problem(field.what, field.text, field.max, field.kind)) {
            return Problem{field.field, std::move(*problem), {}};
        }
    }
    if (const auto locale = parse_locale(event.locale); !locale || *locale != event.locale) {
        return Problem{"locale", fmt::format("convene does not write in '{}'", event.locale), {}};
    }
    for (const auto& organiser : event.organisers) {
        if (auto problem = text_problem("an organiser", organiser.name, k_max_short_text)) {
            return Problem{"organisers", std::move(*problem), {}};
        }
    }
    for (const auto& language : event.languages) {
        if (auto problem = text_problem("a language", language, k_max_short_text)) {
            return Problem{"languages", std::move(*problem), {}};
        }
    }
    return validate_programme(event);
}

}  // namespace convene::domain
