#include "convene/domain/registration_request.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/email.hpp"
#include "convene/text/language_names.hpp"
#include "convene/text/utf8.hpp"

namespace convene::domain {

namespace {

constexpr std::string_view k_blanks = " \t\r\n";

void trim(std::string& text) {
    const auto first = text.find_first_not_of(k_blanks);
    if (first == std::string::npos) {
        text.clear();
        return;
    }
    text.erase(text.find_last_not_of(k_blanks) + 1);
    text.erase(0, first);
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

std::string_view primary_subtag(std::string_view tag) { return tag.substr(0, tag.find('-')); }

std::optional<std::string> language_problem(std::string& language, const Event& event) {
    if (language.empty() || event.languages.empty()) return std::nullopt;
    // BCP 47 tags are case-insensitive: "FR" is the event's "fr".
    for (const auto& tag : event.languages) {
        if (equal_ignoring_ascii_case(tag, language)) {
            language = tag;
            return std::nullopt;
        }
    }
    // Else a name people write in a form ("French", "Français", "francés"), or the tag of the
    // same language with or without a region ("fr" for the event's "fr-CA"), if only one of
    // the event's languages fits.
    const auto folded = text::fold(language);
    std::vector<std::string_view> matches;
    for (const auto& tag : event.languages) {
        const auto& names = text::folded_language_names(tag);
        if (std::find(names.begin(), names.end(), folded) != names.end() ||
            equal_ignoring_ascii_case(primary_subtag(tag), primary_subtag(language))) {
            matches.push_back(tag);
        }
    }
    if (matches.size() == 1) {
        language = std::string(matches.front());
        return std::nullopt;
    }
    if (matches.size() > 1) {
        return fmt::format("language '{}' could be any of {}: give the tag", language,
                           fmt::join(matches, ", "));
    }
    return fmt::format("language '{}' is not one of the event's languages ({})", language,
                       fmt::join(event.languages, ", "));
}

// Control characters cannot be typed by a person: they come from a file read in the wrong
// encoding (Windows-1252's curly quotes read as Latin-1 are C1 controls) and break other tools.
std::optional<std::string> control_problem(std::string_view what, std::string_view value) {
    const auto control = text::find_control_character(value);
    if (!control) return std::nullopt;
    return fmt::format("the {} holds the control character U+{:04X}, which nobody types (was "
                       "the text read in its right encoding?)",
                       what, static_cast<std::uint32_t>(*control));
}

std::optional<std::string> controls_problem(const RegistrationRequest& request) {
    if (auto problem = control_problem("name", request.name)) return problem;
    if (auto problem = control_problem("email", request.email)) return problem;
    if (request.organisation) {
        if (auto problem = control_problem("organisation", *request.organisation)) return problem;
    }
    if (request.language) {
        if (auto problem = control_problem("language", *request.language)) return problem;
    }
    for (const auto& [key, value] : request.fields) {
        if (auto problem = control_problem("name of a custom field", key)) return problem;
        if (auto problem = control_problem(fmt::format("field '{}'", key), value)) return problem;
    }
    return std::nullopt;
}

std::optional<std::string> fields_problem(
    std::vector<std::pair<std::string, std::string>>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto& [key, value] = fields[i];
        trim(key);
        trim(value);
        if (key.empty()) return std::string("a custom field has no name");
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
    return std::find(k_registration_fields.begin(), k_registration_fields.end(), key) !=
           k_registration_fields.end();
}

std::optional<std::string> normalise(RegistrationRequest& request, const Event& event) {
    trim(request.name);
    trim(request.email);
    if (request.organisation) trim(*request.organisation);
    if (request.language) trim(*request.language);
    for (const std::string* text : {&request.name, &request.email}) {
        if (!text::is_valid_utf8(*text)) return std::string("a value is not valid UTF-8");
    }
    if (auto problem = controls_problem(request)) return problem;
    if (request.name.empty()) return std::string("the name is empty");
    if (auto problem = email_problem(request.email)) {
        return fmt::format("'{}' is not an email address: {}", request.email, *problem);
    }
    if (request.language) {
        if (auto problem = language_problem(*request.language, event)) return problem;
    }
    return fields_problem(request.fields);
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

void apply_update(Registration& existing, const RegistrationRequest& request) {
    existing.name = request.name;
    existing.email = request.email;
    if (request.organisation) existing.organisation = *request.organisation;
    if (request.language) existing.language = *request.language;
    auto& fields = existing.fields;
    for (const auto& [key, value] : request.fields) {
        auto found = std::find_if(fields.begin(), fields.end(),
                                  [&](const auto& field) { return field.first == key; });
        if (value.empty()) {
            if (found != fields.end()) fields.erase(found);
        } else if (found != fields.end()) {
            found->second = value;
        } else {
            fields.emplace_back(key, value);
        }
    }
}

}  // namespace convene::domain
