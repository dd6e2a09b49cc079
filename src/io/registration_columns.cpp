#include "convene/io/registration_columns.hpp"

#include <algorithm>

#include <date/tz.h>
#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"

namespace convene::io {

using domain::RegistrationRequest;

namespace {

std::string lower_ascii(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

domain::RegistrationStatus parse_status(const std::string& text) {
    auto status = domain::parse_registration_status(lower_ascii(text));
    if (!status) {
        throw RowError(fmt::format("status '{}' is not registered, waitlisted or cancelled", text));
    }
    return *status;
}

domain::Instant parse_time(std::string_view column, const std::string& text) {
    static const auto& utc = *date::locate_zone("UTC");
    auto instant = domain::parse_instant(text, utc);
    if (!instant) throw RowError(fmt::format("{}: {}", column, instant.problem().message));
    return *instant;
}

}  // namespace

RegistrationColumns::RegistrationColumns(const std::vector<std::string>& header,
                                         bool ignore_unknown)
    : m_header(header) {
    for (const auto& name : header) {
        const auto key = lower_ascii(name);
        Target target = Target::custom;
        if (key == "name") target = Target::name;
        else if (key == "email") target = Target::email;
        else if (key == "organisation" || key == "organization") target = Target::organisation;
        else if (key == "language") target = Target::language;
        else if (key == "status") target = Target::status;
        else if (key == "registered_at") target = Target::registered_at;
        else if (key == "checked_in_at") target = Target::checked_in_at;
        else if (key == "id") target = Target::ignored;
        else if (ignore_unknown) target = Target::ignored;
        if (std::count(m_targets.begin(), m_targets.end(), target) > 0 &&
            target != Target::custom && target != Target::ignored) {
            throw RowError(fmt::format("two columns name the {}", key));
        }
        m_targets.push_back(target);
        if (target == Target::custom) m_custom.push_back(name);
        if (target == Target::ignored && key != "id") m_ignored.push_back(name);
    }
    for (auto [required, label] : {std::pair{Target::name, "name"}, {Target::email, "email"}}) {
        if (std::find(m_targets.begin(), m_targets.end(), required) == m_targets.end()) {
            throw RowError(fmt::format("the header has no '{}' column", label));
        }
    }
}

RegistrationRequest RegistrationColumns::request(const std::vector<std::string>& fields) const {
    RegistrationRequest request;
    for (std::size_t i = 0; i < m_targets.size() && i < fields.size(); ++i) {
        const auto& value = fields[i];
        switch (m_targets[i]) {
            case Target::ignored: break;
            case Target::name: request.name = value; break;
            case Target::email: request.email = value; break;
            case Target::organisation: request.organisation = value; break;
            case Target::language: request.language = value; break;
            case Target::status:
                if (!value.empty()) request.status = parse_status(value);
                break;
            case Target::registered_at:
                if (!value.empty()) request.registered_at = parse_time(m_header[i], value);
                break;
            case Target::checked_in_at:
                if (!value.empty()) request.checked_in_at = parse_time(m_header[i], value);
                break;
            case Target::custom: request.fields.emplace_back(m_header[i], value); break;
        }
    }
    return request;
}

namespace {

std::string text_of(const std::string& key, const nlohmann::ordered_json& value) {
    if (value.is_null()) return {};
    if (!value.is_string()) {
        throw RowError(fmt::format("\"{}\" must be a string, not {}", key, value.type_name()));
    }
    return value.get<std::string>();
}

}  // namespace

RegistrationRequest request_from_json(const nlohmann::ordered_json& object, bool ignore_unknown) {
    RegistrationRequest request;
    bool has_name = false;
    bool has_email = false;
    for (const auto& [key, value] : object.items()) {
        const auto lower = lower_ascii(key);
        if (lower == "name") {
            request.name = text_of(key, value);
            has_name = true;
        } else if (lower == "email") {
            request.email = text_of(key, value);
            has_email = true;
        } else if (lower == "organisation" || lower == "organization") {
            request.organisation = text_of(key, value);
        } else if (lower == "language") {
            request.language = text_of(key, value);
        } else if (lower == "status") {
            if (auto text = text_of(key, value); !text.empty()) request.status = parse_status(text);
        } else if (lower == "registered_at") {
            if (auto text = text_of(key, value); !text.empty()) {
                request.registered_at = parse_time(key, text);
            }
        } else if (lower == "checked_in_at") {
            if (auto text = text_of(key, value); !text.empty()) {
                request.checked_in_at = parse_time(key, text);
            }
        } else if (lower == "id" || ignore_unknown) {
            continue;
        } else if (value.is_number() || value.is_boolean()) {
            request.fields.emplace_back(key, value.dump());
        } else {
            request.fields.emplace_back(key, text_of(key, value));
        }
    }
    if (!has_name) throw RowError("no \"name\"");
    if (!has_email) throw RowError("no \"email\"");
    return request;
}

}  // namespace convene::io
