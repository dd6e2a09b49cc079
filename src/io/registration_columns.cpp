#include "convene/io/registration_columns.hpp"

#include <algorithm>
#include <array>

#include <date/tz.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/text/utf8.hpp"

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

namespace {

using Field = RegistrationColumns::Field;

constexpr std::array<std::string_view, RegistrationColumns::k_fields> k_field_names{
    "name", "email", "organisation", "language", "status", "registered_at", "checked_in_at"};

// What a header name may stand for. `nom` and `nombre` are a whole name alone, but the family
// name next to a `prénom`, the given name next to `apellidos`.
enum class Kind { field, first_name, last_name, nom, nombre };

struct Alias {
    std::string_view folded;  // text::fold of the header name
    Kind kind;
    Field field;  // for Kind::field
    // Lower wins: 0 the attendee's own column on other platforms (over the buyer's), 1
    // convene's own names, 2 the other names. A lower-ranked column stands in when the winner
    // is empty if it ranks 0 or 1, and is a custom field if it ranks 2 (a custom "Company"
    // next to "organisation" in convene's export stays what it is).
    int rank;
};

constexpr Alias field(std::string_view folded, Field f, int rank = 2) {
    return {folded, Kind::field, f, rank};
}
constexpr Alias part(std::string_view folded, Kind kind) { return {folded, kind, Field::name, 2}; }

// English, French and Spanish names, and the columns of other platforms' exports: pretix
// (Attendee name, Attendee name: Given name / Family name, Attendee email, Company), Eventbrite
// (First Name, Last Name, Email, Company), Indico (First Name, Last Name, Email Address,
// Affiliation), Google Forms (Email Address, Name). Keep man/convene-register.1 in step.
constexpr Alias k_aliases[] = {
    field("name", Field::name, 1),
    field("fullname", Field::name),
    field("attendeename", Field::name, 0),
    field("participantname", Field::name),
    field("participant", Field::name),
    field("attendee", Field::name),
    field("nomcomplet", Field::name),
    field("prenometnom", Field::name),
    field("nometprenom", Field::name),
    field("participante", Field::name),
    field("nombrecompleto", Field::name),
    field("nombreyapellidos", Field::name),
    part("firstname", Kind::first_name),
    part("givenname", Kind::first_name),
    part("forename", Kind::first_name),
    part("prenom", Kind::first_name),
    part("attendeenamegivenname", Kind::first_name),
    part("nombredepila", Kind::first_name),
    part("lastname", Kind::last_name),
    part("surname", Kind::last_name),
    part("familyname", Kind::last_name),
    part("nomdefamille", Kind::last_name),
    part("attendeenamefamilyname", Kind::last_name),
    part("apellido", Kind::last_name),
    part("apellidos", Kind::last_name),
    part("nom", Kind::nom),
    part("nombre", Kind::nombre),
    field("email", Field::email, 1),
    field("emailaddress", Field::email),
    field("mail", Field::email),
    field("mailaddress", Field::email),
    field("attendeeemail", Field::email, 0),
    field("courriel", Field::email),
    field("adresseemail", Field::email),
    field("adressemail", Field::email),
    field("adressecourriel", Field::email),
    field("adresseelectronique", Field::email),
    field("correo", Field::email),
    field("correoelectronico", Field::email),
    field("organisation", Field::organisation, 1),
    field("organization", Field::organisation, 1),
    field("organisme", Field::organisation),
    field("organizacion", Field::organisation),
    field("company", Field::organisation),
    field("attendeecompany", Field::organisation, 0),
    field("entreprise", Field::organisation),
    field("societe", Field::organisation),
    field("empresa", Field::organisation),
    field("affiliation", Field::organisation),
    field("institution", Field::organisation),
    field("institucion", Field::organisation),
    field("language", Field::language, 1),
    field("preferredlanguage", Field::language),
    field("langue", Field::language),
    field("languepreferee", Field::language),
    field("idioma", Field::language),
    field("idiomapreferido", Field::language),
    // Other platforms' statuses and times have other values: only convene's own names.
    field("status", Field::status, 1),
    field("registeredat", Field::registered_at, 1),
    field("checkedinat", Field::checked_in_at, 1),
};

const Alias* find_alias(std::string_view folded) {
    for (const auto& alias : k_aliases) {
        if (alias.folded == folded) return &alias;
    }
    return nullptr;
}

std::string_view trimmed_view(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string trimmed(std::string_view text) { return std::string(trimmed_view(text)); }

// A registration field named in a map: its own name or "organization".
std::optional<Field> own_field(std::string_view name) {
    const auto key = lower_ascii(trimmed(name));
    if (key == "organization") return Field::organisation;
    for (std::size_t i = 0; i < k_field_names.size(); ++i) {
        if (key == k_field_names[i]) return static_cast<Field>(i);
    }
    return std::nullopt;
}

struct Candidate {
    std::size_t column;
    int rank;
};

}  // namespace

MissingColumn::MissingColumn(std::string field_name)
    : RowError(fmt::format("the header has no '{}' column", field_name)),
      field(std::move(field_name)) {}

void restore_formula(std::string& value, std::size_t from) {
    if (value.size() <= from || value[from] != '\'') return;
    const auto after = value.find_first_not_of('\'', from);
    if (after == std::string::npos) return;
    const char c = value[after];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        value.erase(from, 1);
    }
}

RegistrationColumns::RegistrationColumns(const std::vector<std::string>& header,
                                         bool ignore_unknown, const std::vector<std::string>& maps)
    : m_header(header), m_sources(k_fields) {
    std::vector<bool> taken(header.size(), false);
    std::vector<bool> mapped(k_fields, false);
    const auto find_column = [&](std::string_view name) -> std::optional<std::size_t> {
        const auto wanted = trimmed(name);
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (trimmed(header[i]) == wanted) return i;
        }
        std::optional<std::size_t> found;
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (!wanted.empty() && text::fold(header[i]) == text::fold(wanted)) {
                if (found) return std::nullopt;  // ambiguous without the exact spelling
                found = i;
            }
        }
        return found;
    };
    const auto column_of = [&](const std::string& map, std::string_view name) {
        const auto column = find_column(name);
        if (!column) {
            throw RowError(
                fmt::format("map '{}': the header has no column '{}'", map, trimmed(name)));
        }
        if (taken[*column]) {
            throw RowError(
                fmt::format("map '{}': column '{}' is mapped twice", map, trimmed(name)));
        }
        taken[*column] = true;
        return *column;
    };
    const auto set_field = [&](const std::string& map, Field field, Source source) {
        const auto index = static_cast<std::size_t>(field);
        if (mapped[index]) {
            throw RowError(
                fmt::format("map '{}': the {} is mapped twice", map, k_field_names[index]));
        }
        mapped[index] = true;
        m_sources[index] = std::move(source);
    };

    for (const auto& map : maps) {
        const auto equals = map.find('=');
        if (equals == std::string::npos || trimmed(map.substr(0, equals)).empty() ||
            trimmed(map.substr(equals + 1)).empty()) {
            throw RowError(
                fmt::format("map '{}' is neither COLUMN=FIELD nor FIELD=COLUMN+COLUMN", map));
        }
        const std::string left = trimmed(map.substr(0, equals));
        const std::string right = trimmed(map.substr(equals + 1));
        const bool joins = right.find('+') != std::string::npos && !find_column(right);
        if (joins || (own_field(left) && !find_column(left))) {
            const auto field = own_field(left);
            if (!field) {
                throw RowError(fmt::format("map '{}': '{}' is not a registration field ({})", map,
                                           left, fmt::join(k_field_names, ", ")));
            }
            Source source{.columns = {}, .join = true};
            std::string_view rest = right;
            while (true) {
                const auto plus = rest.find('+');
                source.columns.push_back(column_of(map, rest.substr(0, plus)));
                if (plus == std::string_view::npos) break;
                rest.remove_prefix(plus + 1);
            }
            set_field(map, *field, std::move(source));
        } else if (const auto field = own_field(right)) {
            set_field(map, *field, Source{.columns = {column_of(map, left)}});
        } else {
            const auto column = column_of(map, left);
            m_custom_columns.emplace_back(column, right);
        }
    }

    // The other columns, by their names.
    std::vector<std::vector<Candidate>> candidates(k_fields);
    std::vector<std::size_t> first_names, last_names, noms, nombres;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (taken[i]) continue;
        auto name = trimmed(header[i]);
        restore_formula(name);  // a custom field's name went out neutralised like any cell
        if (name.empty()) {
            m_unnamed.push_back(i + 1);
            continue;
        }
        const auto key = lower_ascii(name);
        if (key == "id" || key == "waitlist_position") continue;
        const auto* alias = find_alias(text::fold(name));
        if (alias && alias->kind == Kind::field &&
            !mapped[static_cast<std::size_t>(alias->field)]) {
            candidates[static_cast<std::size_t>(alias->field)].push_back({i, alias->rank});
            continue;
        }
        if (alias && !mapped[static_cast<std::size_t>(Field::name)]) {
            switch (alias->kind) {
                case Kind::first_name: first_names.push_back(i); continue;
                case Kind::last_name: last_names.push_back(i); continue;
                case Kind::nom: noms.push_back(i); continue;
                case Kind::nombre: nombres.push_back(i); continue;
                case Kind::field: break;
            }
        }
        if (ignore_unknown) {
            m_ignored.push_back(header[i]);
        } else {
            m_custom_columns.emplace_back(i, name);
        }
    }
    // Nom is the family name next to a given name; nombre the given name next to apellidos.
    auto& names = candidates[static_cast<std::size_t>(Field::name)];
    for (const auto column : noms) {
        if (first_names.empty()) names.push_back({column, 2});
        else last_names.push_back(column);
    }
    for (const auto column : nombres) {
        if (last_names.empty()) names.push_back({column, 2});
        else first_names.push_back(column);
    }

    for (std::size_t f = 0; f < k_fields; ++f) {
        auto& found = candidates[f];
        if (found.empty()) continue;
        std::stable_sort(found.begin(), found.end(),
                         [](const auto& a, const auto& b) { return a.rank < b.rank; });
        if (found.size() > 1 && found[0].rank == found[1].rank) {
            throw RowError(fmt::format("two columns name the {}: \"{}\" and \"{}\"",
                                       k_field_names[f], header[found[0].column],
                                       header[found[1].column]));
        }
        // The others stand in when the preferred one is empty (pretix: the attendee's email,
        // else the buyer's), or are custom fields (see Alias::rank).
        for (std::size_t c = 0; c < found.size(); ++c) {
            const auto column = found[c].column;
            if (c == 0 || found[c].rank <= 1) {
                m_sources[f].columns.push_back(column);
            } else if (ignore_unknown) {
                m_ignored.push_back(header[column]);
            } else {
                m_custom_columns.emplace_back(column, trimmed(header[column]));
            }
        }
    }
    auto& name = m_sources[static_cast<std::size_t>(Field::name)];
    if (name.columns.empty() && (!first_names.empty() || !last_names.empty())) {
        if (first_names.size() > 1 || last_names.size() > 1) {
            throw RowError("several columns name the first or the last name");
        }
        name.join = true;
        for (const auto& part : {first_names, last_names}) {
            if (!part.empty()) name.columns.push_back(part.front());
        }
    } else {
        // A given or family name beside a whole name is kept as what it is.
        for (const auto& part : {first_names, last_names}) {
            for (const auto column : part) m_custom_columns.emplace_back(column, header[column]);
        }
    }
    std::sort(m_custom_columns.begin(), m_custom_columns.end());
    for (const auto& [column, key] : m_custom_columns) m_custom.push_back(key);

    for (const auto field : {Field::name, Field::email}) {
        if (m_sources[static_cast<std::size_t>(field)].columns.empty()) {
            throw MissingColumn(std::string(k_field_names[static_cast<std::size_t>(field)]));
        }
    }
}

void RegistrationColumns::value_of(const Source& source, const std::vector<std::string>& fields,
                                   std::string& value) const {
    value.clear();
    for (const auto column : source.columns) {
        if (column >= fields.size()) continue;
        const auto part = trimmed_view(fields[column]);
        if (part.empty()) continue;
        if (!value.empty()) value += ' ';
        const auto start = value.size();
        value += part;
        restore_formula(value, start);
        if (!source.join) return;
    }
}

RegistrationRequest RegistrationColumns::request(const std::vector<std::string>& fields) const {
    RegistrationRequest request;
    fill(fields, request);
    return request;
}

void RegistrationColumns::fill(const std::vector<std::string>& fields,
                               RegistrationRequest& request) const {
    const auto has = [&](Field field) {
        return !m_sources[static_cast<std::size_t>(field)].columns.empty();
    };
    const auto value = [&](Field field, std::string& into) {
        value_of(m_sources[static_cast<std::size_t>(field)], fields, into);
    };
    // Assigned, not replaced: each string keeps the storage it had for the previous row.
    const auto optional_value = [&](Field field, std::optional<std::string>& into) {
        if (!has(field)) return into.reset();
        if (!into) into.emplace();
        value(field, *into);
    };
    value(Field::name, request.name);
    value(Field::email, request.email);
    optional_value(Field::organisation, request.organisation);
    optional_value(Field::language, request.language);
    std::string text;  // the rarer columns below: status and times
    request.status.reset();
    if (has(Field::status)) {
        value(Field::status, text);
        if (!text.empty()) request.status = parse_status(text);
    }
    const auto time = [&](Field field, std::optional<domain::Instant>& into) {
        into.reset();
        if (!has(field)) return;
        value(field, text);
        if (!text.empty()) {
            into =
                parse_time(m_header[m_sources[static_cast<std::size_t>(field)].columns[0]], text);
        }
    };
    time(Field::registered_at, request.registered_at);
    time(Field::checked_in_at, request.checked_in_at);
    request.fields.resize(m_custom_columns.size());
    for (std::size_t i = 0; i < m_custom_columns.size(); ++i) {
        const auto& [column, key] = m_custom_columns[i];
        auto& [field_key, field_value] = request.fields[i];
        field_key = key;
        if (column < fields.size()) field_value = fields[column];
        else field_value.clear();
        restore_formula(field_value);
    }
    for (const auto column : m_unnamed) {
        if (column - 1 < fields.size() && !trimmed_view(fields[column - 1]).empty()) {
            throw RowError(fmt::format("column {} has no name in the header, but holds \"{}\"",
                                       column, fields[column - 1]));
        }
    }
}

std::vector<std::string> RegistrationColumns::describe() const {
    std::vector<std::string> lines;
    for (std::size_t f = 0; f < k_fields; ++f) {
        const auto& source = m_sources[f];
        if (source.columns.empty()) continue;
        std::string from;
        for (std::size_t i = 0; i < source.columns.size(); ++i) {
            if (i > 0) from += source.join ? " + " : ", else ";
            from += fmt::format("\"{}\"", m_header[source.columns[i]]);
        }
        lines.push_back(fmt::format("{} ← {}", k_field_names[f], from));
    }
    for (const auto& [column, key] : m_custom_columns) {
        lines.push_back(fmt::format("custom field \"{}\" ← \"{}\"", key, m_header[column]));
    }
    for (const auto& name : m_ignored) lines.push_back(fmt::format("ignored: \"{}\"", name));
    for (const auto column : m_unnamed) {
        lines.push_back(fmt::format("skipped: column {} (no name, empty)", column));
    }
    return lines;
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
        } else if (lower == "id" || lower == "waitlist_position" || ignore_unknown) {
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
