#include "convene/domain/event.hpp"

#include <array>

#include "convene/error.hpp"

namespace convene::domain {

std::string_view to_string(EventStatus status) {
    switch (status) {
        case EventStatus::tentative: return "tentative";
        case EventStatus::confirmed: return "confirmed";
        case EventStatus::cancelled: return "cancelled";
    }
    return "confirmed";
}

EventStatus parse_event_status(std::string_view text) {
    for (auto status : {EventStatus::tentative, EventStatus::confirmed, EventStatus::cancelled}) {
        if (text == to_string(status)) return status;
    }
    throw UsageError("unknown event status '" + std::string(text) + "'",
                     "use tentative, confirmed or cancelled");
}

namespace {

// Latin letters with diacritics that French, Spanish, German and friends use, folded to ASCII
// so that "Séance d'information" becomes "seance-d-information".
struct Fold {
    std::string_view from;
    std::string_view to;
};
constexpr std::array k_folds{
    Fold{"à", "a"}, Fold{"á", "a"}, Fold{"â", "a"}, Fold{"ä", "a"}, Fold{"ã", "a"}, Fold{"å", "a"},
    Fold{"À", "a"}, Fold{"Á", "a"}, Fold{"Â", "a"}, Fold{"Ä", "a"}, Fold{"Ã", "a"}, Fold{"Å", "a"},
    Fold{"ç", "c"}, Fold{"Ç", "c"}, Fold{"è", "e"}, Fold{"é", "e"}, Fold{"ê", "e"}, Fold{"ë", "e"},
    Fold{"È", "e"}, Fold{"É", "e"}, Fold{"Ê", "e"}, Fold{"Ë", "e"}, Fold{"ì", "i"}, Fold{"í", "i"},
    Fold{"î", "i"}, Fold{"ï", "i"}, Fold{"Ì", "i"}, Fold{"Í", "i"}, Fold{"Î", "i"}, Fold{"Ï", "i"},
    Fold{"ñ", "n"}, Fold{"Ñ", "n"}, Fold{"ò", "o"}, Fold{"ó", "o"}, Fold{"ô", "o"}, Fold{"ö", "o"},
    Fold{"õ", "o"}, Fold{"ø", "o"}, Fold{"Ò", "o"}, Fold{"Ó", "o"}, Fold{"Ô", "o"}, Fold{"Ö", "o"},
    Fold{"Õ", "o"}, Fold{"Ø", "o"}, Fold{"ù", "u"}, Fold{"ú", "u"}, Fold{"û", "u"}, Fold{"ü", "u"},
    Fold{"Ù", "u"}, Fold{"Ú", "u"}, Fold{"Û", "u"}, Fold{"Ü", "u"}, Fold{"ý", "y"}, Fold{"ÿ", "y"},
    Fold{"Ý", "y"}, Fold{"œ", "oe"}, Fold{"Œ", "oe"}, Fold{"æ", "ae"}, Fold{"Æ", "ae"},
    Fold{"ß", "ss"},
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

bool is_language_tag(std::string_view tag) {
    std::size_t subtag = 0;
    bool ok = !tag.empty();
    for (std::size_t i = 0, length = 0; ok && i <= tag.size(); ++i) {
        if (i == tag.size() || tag[i] == '-') {
            ok = subtag == 0 ? (length >= 2 && length <= 8) : (length >= 1 && length <= 8);
            ++subtag;
            length = 0;
            continue;
        }
        const char c = tag[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        ok = subtag == 0 ? letter : (letter || digit);
        ++length;
    }
    return ok;
}

bool is_url(std::string_view text) {
    const auto colon = text.find(':');
    return colon != std::string_view::npos && colon > 0 &&
           text.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool changes_calendar(const Event& before, const Event& after) {
    return before.title != after.title || before.all_day != after.all_day ||
           before.start != after.start || before.end != after.end ||
           before.start_date != after.start_date || before.end_date != after.end_date ||
           before.timezone != after.timezone || before.venue != after.venue ||
           before.online_url != after.online_url || before.status != after.status;
}

void validate(const Event& event) {
    if (event.title.empty()) throw UsageError("an event needs a title", "give --title TEXT");
    if (!is_valid_slug(event.slug)) {
        throw UsageError("invalid slug '" + event.slug + "'",
                         "a slug uses a-z, 0-9 and '-', and is not only digits");
    }
    if (event.all_day) {
        if (event.end_date < event.start_date) {
            throw UsageError("the end date is before the start date");
        }
    } else if (event.end <= event.start) {
        throw UsageError("the end is not after the start", "check --end or --duration");
    }
    if (event.capacity && *event.capacity < 0) {
        throw UsageError("capacity must be zero or more");
    }
}

}  // namespace convene::domain
