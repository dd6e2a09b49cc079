#include "convene/domain/registration_request.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/email.hpp"
#include "convene/domain/limits.hpp"
#include "convene/text/language_names.hpp"
#include "convene/text/language_tags.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/suggest.hpp"
#include "convene/text/utf8.hpp"

namespace convene::domain {

namespace {

// In place: this runs for every field of every imported row.
void trim(std::string& text) {
    const auto kept = text::trim(text);
    if (kept.size() == text.size()) return;  // most values: nothing to cut
    if (kept.empty()) return text.clear();
    const auto first = static_cast<std::size_t>(kept.data() - text.data());
    text.erase(first + kept.size());
    text.erase(0, first);
}

// A byte order mark is invisible: before an address (a file's first cell, a line copied from
// one) it would make the same address a second, different key.
void strip_byte_order_marks(std::string& text) {
    constexpr auto k_bom = text::k_utf8_bom;
    std::size_t first = 0;
    while (text.compare(first, k_bom.size(), k_bom) == 0) first += k_bom.size();
    std::size_t end = text.size();
    while (end >= first + k_bom.size() &&
           text.compare(end - k_bom.size(), k_bom.size(), k_bom) == 0) {
        end -= k_bom.size();
    }
    if (first == 0 && end == text.size()) return;
    text = text.substr(first, end - first);
    trim(text);
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && text::lowercase_ascii(a) == text::lowercase_ascii(b);
}

std::string_view primary_subtag(std::string_view tag) { return tag.substr(0, tag.find('-')); }

// The event's languages that `language` may mean: a name people write in a form ("French",
// "Français", "francés"), the tag it is canonically (`tag`: "pt_br" is "pt-BR"), or the tag of
// the same language with or without a region ("fr" for the event's "fr-CA"). One that is the
// same language exactly is the one meant.
std::vector<std::string_view> languages_meant(std::string_view language,
                                              const std::optional<std::string>& tag,
                                              const Event& event) {
    const auto folded = text::fold(language);
    const std::string_view primary = primary_subtag(tag ? std::string_view(*tag) : language);
    std::vector<std::string_view> exact;
    std::vector<std::string_view> matches;
    for (const auto& candidate : event.languages) {
        // An event stored before tags were made canonical may say "EN" or "anglais".
        if (tag && (candidate == *tag || text::language_tag(candidate) == tag)) {
            exact.push_back(candidate);
        }
        const auto& names = text::folded_language_names(candidate);
        if (std::find(names.begin(), names.end(), folded) != names.end() ||
            equal_ignoring_ascii_case(primary_subtag(candidate), primary)) {
            matches.push_back(candidate);
        }
    }
    return exact.size() == 1 ? exact : matches;
}

// "did you mean 'French'?" among the event's languages, by tag and by name, for what is no
// language at all (a typo); "" otherwise.
std::string nearest_of_event(std::string_view language, const Event& event) {
    std::vector<std::string> candidates;
    for (const auto& tag : event.languages) {
        candidates.push_back(tag);
        for (const char* in : {"en", "fr", "es"}) {
            auto name = text::language_name_in(tag, in);
            if (!name.empty()) candidates.push_back(std::move(name));
        }
    }
    return text::did_you_mean(language, candidates);
}

std::optional<std::string> language_problem(std::string& language, const Event& event) {
    if (language.empty() || event.languages.empty()) return std::nullopt;
    // BCP 47 tags are case-insensitive: "FR" is the event's "fr", as the event spells it (a tag
    // stored before tags were made canonical included).
    for (const auto& tag : event.languages) {
        if (equal_ignoring_ascii_case(tag, language)) {
            language = tag;
            return std::nullopt;
        }
    }
    const auto tag = text::language_tag(language);
    const auto matches = languages_meant(language, tag, event);
    if (matches.size() == 1) {
        language = std::string(matches.front());
        return std::nullopt;
    }
    if (matches.size() > 1) {
        return fmt::format("language '{}' could be any of {}: give the tag", language,
                           fmt::join(matches, ", "));
    }
    const auto nearest = tag ? std::string() : nearest_of_event(language, event);
    return fmt::format("language '{}' is not one of the event's languages ({}){}{}", language,
                       fmt::join(event.languages, ", "), nearest.empty() ? "" : ": ", nearest);
}

std::optional<std::string> fields_problem(
    std::vector<std::pair<std::string, std::string>>& fields) {
    if (fields.size() > k_max_custom_fields) {
        return fmt::format("more than {} custom fields", k_max_custom_fields);
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto& [key, value] = fields[i];
        trim(key);
        trim(value);
        if (key.empty()) return std::string("a custom field has no name");
        if (auto problem = text_problem("a custom field's name", key, k_max_short_text)) {
            return problem;
        }
        // The field's label is formatted only for the message: this runs for every row.
        if (text_problem("", value, k_max_field_value, TextKind::multiline)) {
            return text_problem(fmt::format("field '{}'", key), value, k_max_field_value,
                                TextKind::multiline);
        }
        if (is_reserved_field_name(key)) {
            return fmt::format("'{}' is a registration field, not a custom one", key);
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (fields[j].first == key) return fmt::format("field '{}' is given twice", key);
        }
    }
    return std::nullopt;
}

}  // namespace

bool is_reserved_field_name(std::string_view key) {
    // "Email" too: a CSV export's header would name the column twice.
    return std::any_of(k_registration_fields.begin(), k_registration_fields.end(),
                       [&](std::string_view name) { return equal_ignoring_ascii_case(name, key); });
}

std::optional<std::string> normalise(RegistrationRequest& request, const Event& event) {
    trim(request.name);
    trim(request.email);
    strip_byte_order_marks(request.email);
    if (request.organisation) trim(*request.organisation);
    if (request.language) trim(*request.language);
    for (const std::string* text : {&request.name, &request.email}) {
        if (!text::is_valid_utf8(*text)) return std::string("a value is not valid UTF-8");
    }
    if (auto problem = text_problem("the name", request.name, k_max_short_text)) return problem;
    if (auto problem = text_problem("the email", request.email, k_max_email)) return problem;
    if (request.organisation) {
        // Forms and spreadsheets export an organisation and its department on two lines.
        if (auto problem = text_problem("the organisation", *request.organisation, k_max_short_text,
                                        TextKind::multiline)) {
            return problem;
        }
    }
    if (request.language) {
        if (auto problem = text_problem("the language", *request.language, k_max_short_text)) {
            return problem;
        }
    }
    if (request.name.empty()) return std::string("the name is empty");
    if (auto problem = email_problem(request.email)) {
        return fmt::format("'{}' is not an email address: {}", request.email, *problem);
    }
    if (request.language) {
        if (auto problem = language_problem(*request.language, event)) return problem;
    }
    return fields_problem(request.fields);
}

std::optional<std::string> normalise_language(std::string& language, const Event& event) {
    trim(language);
    if (auto problem = text_problem("the language", language, k_max_short_text)) return problem;
    return language_problem(language, event);
}

Registration make_registration(const RegistrationRequest& request, std::int64_t event_id,
                               Instant now) {
    Registration registration;
    registration.event_id = event_id;
    apply_update(registration, request);
    registration.registered_at = request.registered_at.value_or(now);
    registration.checked_in_at = request.checked_in_at;
    return registration;
}

bool apply_update(Registration& existing, const RegistrationRequest& request) {
    bool changed = false;
    const auto set = [&](std::string& to, const std::string& value) {
        if (to == value) return;
        to = value;
        changed = true;
    };
    set(existing.name, request.name);
    set(existing.email, request.email);
    if (request.organisation) set(existing.organisation, *request.organisation);
    if (request.language) set(existing.language, *request.language);
    auto& fields = existing.fields;
    for (const auto& [key, value] : request.fields) {
        // An init-capture: clang 14 (the fuzz preset) cannot capture a structured binding.
        auto found = std::find_if(fields.begin(), fields.end(),
                                  [&key = key](const auto& field) { return field.first == key; });
        if (value.empty()) {
            if (found == fields.end()) continue;
            fields.erase(found);
            changed = true;
        } else if (found != fields.end()) {
            set(found->second, value);
        } else {
            fields.emplace_back(key, value);
            changed = true;
        }
    }
    return changed;
}

}  // namespace convene::domain
