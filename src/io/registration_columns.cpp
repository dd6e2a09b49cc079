#include "convene/io/registration_columns.hpp"

#include <algorithm>
#include <array>

#include <date/tz.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/time.hpp"
#include "convene/io/platform_time.hpp"
#include "convene/text/strings.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {

using domain::RegistrationRequest;
template <typename T>
using Checked = domain::Checked<T, std::string>;

namespace {

Checked<domain::RegistrationStatus> parse_status(std::string_view text) {
    auto status = domain::parse_registration_status(text::lowercase_ascii(text));
    if (!status) {
        return fmt::format("status '{}' is not registered, waitlisted or cancelled", text);
    }
    return *status;
}

Checked<domain::Instant> parse_time(std::string_view column, std::string_view text) {
    static const auto& utc = *date::locate_zone("UTC");
    auto instant = domain::parse_instant(text, utc);
    if (!instant) return fmt::format("{}: {}", column, instant.problem().message);
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

std::string trimmed(std::string_view text) { return std::string(text::trim(text)); }

// A registration field named in a map: its own name or "organization".
std::optional<Field> own_field(std::string_view name) {
    const auto key = text::lowercase_ascii(text::trim(name));
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

// The columns that name part of a person's name, before they are joined.
struct NameParts {
    std::vector<std::size_t> first;
    std::vector<std::size_t> last;
    std::vector<std::size_t> noms;
    std::vector<std::size_t> nombres;

    void add(Kind kind, std::size_t column) {
        switch (kind) {
            case Kind::first_name: first.push_back(column); break;
            case Kind::last_name: last.push_back(column); break;
            case Kind::nom: noms.push_back(column); break;
            case Kind::nombre: nombres.push_back(column); break;
            case Kind::field: break;
        }
    }
};

// "a+b+c" → {"a", "b", "c"}, untrimmed: a column is looked up as the map gives it.
std::vector<std::string_view> joined_names(std::string_view text) {
    std::vector<std::string_view> names;
    while (true) {
        const auto plus = text.find('+');
        names.push_back(text.substr(0, plus));
        if (plus == std::string_view::npos) return names;
        text.remove_prefix(plus + 1);
    }
}

}  // namespace

void restore_formula(std::string& value, std::size_t from) {
    if (value.size() <= from || value[from] != '\'') return;
    const auto after = value.find_first_not_of('\'', from);
    if (after == std::string::npos) return;
    const char c = value[after];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        value.erase(from, 1);
    }
}

// Reading a header, step by step: the maps first, then every other column by its name, then
// the best column for each field, then the name's parts. Each step returns its problem.
struct RegistrationColumns::Reading {
    RegistrationColumns& out;
    const std::vector<std::string>& header;
    bool ignore_unknown;
    PlatformReading platform;
    std::vector<bool> taken = std::vector<bool>(header.size(), false);  // by a map
    std::vector<bool> mapped = std::vector<bool>(k_fields, false);      // by a map
    std::vector<std::vector<Candidate>> candidates = std::vector<std::vector<Candidate>>(k_fields);
    NameParts parts{};

    // The column named `name`: its exact spelling, else the only one that folds the same.
    std::optional<std::size_t> find_column(std::string_view name) const {
        const auto wanted = text::trim(name);
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (text::trim(header[i]) == wanted) return i;
        }
        if (wanted.empty()) return std::nullopt;
        const auto folded = text::fold(wanted);
        std::optional<std::size_t> found;
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (text::fold(header[i]) != folded) continue;
            if (found) return std::nullopt;  // ambiguous without the exact spelling
            found = i;
        }
        return found;
    }

    Checked<std::size_t> take_column(const std::string& map, std::string_view name) {
        const auto column = find_column(name);
        if (!column) {
            return fmt::format("map '{}': the header has no column '{}'", map, text::trim(name));
        }
        if (taken[*column]) {
            return fmt::format("map '{}': column '{}' is mapped twice", map, text::trim(name));
        }
        taken[*column] = true;
        return *column;
    }

    std::optional<std::string> set_field(const std::string& map, Field field, Source source) {
        const auto index = static_cast<std::size_t>(field);
        if (mapped[index]) {
            return fmt::format("map '{}': the {} is mapped twice", map, k_field_names[index]);
        }
        mapped[index] = true;
        out.m_sources[index] = std::move(source);
        return std::nullopt;
    }

    // "FIELD=COLUMN+COLUMN…": the columns joined with a space.
    std::optional<std::string> join(const std::string& map, std::string_view field_name,
                                    std::string_view columns) {
        const auto field = own_field(field_name);
        if (!field) {
            return fmt::format("map '{}': '{}' is not a registration field ({})", map, field_name,
                               fmt::join(k_field_names, ", "));
        }
        Source source{.columns = {}, .join = true};
        for (const auto name : joined_names(columns)) {
            auto column = take_column(map, name);
            if (!column) return column.problem();
            source.columns.push_back(*column);
        }
        return set_field(map, *field, std::move(source));
    }

    std::optional<std::string> apply_map(const std::string& map) {
        const auto equals = map.find('=');
        if (equals == std::string::npos || text::trim(map.substr(0, equals)).empty() ||
            text::trim(map.substr(equals + 1)).empty()) {
            return fmt::format("map '{}' is neither COLUMN=FIELD nor FIELD=COLUMN+COLUMN", map);
        }
        const std::string left = trimmed(map.substr(0, equals));
        const std::string right = trimmed(map.substr(equals + 1));
        const bool joins = right.find('+') != std::string::npos && !find_column(right);
        if (joins || (own_field(left) && !find_column(left))) return join(map, left, right);
        auto column = take_column(map, left);
        if (!column) return column.problem();
        if (const auto field = own_field(right)) {
            return set_field(map, *field, Source{.columns = {*column}});
        }
        out.m_custom_columns.emplace_back(*column, right);
        return std::nullopt;
    }

    void keep_or_ignore(std::size_t column, std::string key) {
        if (ignore_unknown) {
            out.m_ignored.push_back(header[column]);
        } else {
            out.m_custom_columns.emplace_back(column, std::move(key));
        }
    }

    // A column no map took, by its name: a candidate for a field, a part of the name, or a
    // custom field.
    void sort_column(std::size_t column) {
        auto name = trimmed(header[column]);
        restore_formula(name);  // a custom field's name went out neutralised like any cell
        if (name.empty()) return out.m_unnamed.push_back(column + 1);
        const auto key = text::lowercase_ascii(name);
        if (key == "id" || key == "waitlist_position") return;
        const auto* alias = find_alias(text::fold(name));
        if (alias && alias->kind == Kind::field &&
            !mapped[static_cast<std::size_t>(alias->field)]) {
            candidates[static_cast<std::size_t>(alias->field)].push_back({column, alias->rank});
            return;
        }
        if (alias && alias->kind != Kind::field && !mapped[static_cast<std::size_t>(Field::name)]) {
            return parts.add(alias->kind, column);
        }
        keep_or_ignore(column, std::move(name));
    }

    // Nom is the family name next to a given name; nombre the given name next to apellidos.
    void place_noms() {
        auto& names = candidates[static_cast<std::size_t>(Field::name)];
        for (const auto column : parts.noms) {
            if (parts.first.empty()) names.push_back({column, 2});
            else parts.last.push_back(column);
        }
        for (const auto column : parts.nombres) {
            if (parts.last.empty()) names.push_back({column, 2});
            else parts.first.push_back(column);
        }
    }

    // The best column for a field; the others stand in when it is empty (pretix: the
    // attendee's email, else the buyer's), or are custom fields (see Alias::rank).
    std::optional<std::string> choose(std::size_t field) {
        auto& found = candidates[field];
        if (found.empty()) return std::nullopt;
        std::stable_sort(found.begin(), found.end(),
                         [](const auto& a, const auto& b) { return a.rank < b.rank; });
        if (found.size() > 1 && found[0].rank == found[1].rank) {
            return fmt::format("two columns name the {}: \"{}\" and \"{}\"", k_field_names[field],
                               header[found[0].column], header[found[1].column]);
        }
        for (std::size_t c = 0; c < found.size(); ++c) {
            if (c == 0 || found[c].rank <= 1) {
                out.m_sources[field].columns.push_back(found[c].column);
            } else {
                keep_or_ignore(found[c].column, trimmed(header[found[c].column]));
            }
        }
        return std::nullopt;
    }

    // A first and a last name make the name when no column gives it whole; beside a whole
    // name they are kept as what they are.
    std::optional<std::string> join_name_parts() {
        auto& name = out.m_sources[static_cast<std::size_t>(Field::name)];
        if (!name.columns.empty() || (parts.first.empty() && parts.last.empty())) {
            for (const auto& part : {parts.first, parts.last}) {
                for (const auto column : part) {
                    out.m_custom_columns.emplace_back(column, header[column]);
                }
            }
            return std::nullopt;
        }
        if (parts.first.size() > 1 || parts.last.size() > 1) {
            return std::string("several columns name the first or the last name");
        }
        name.join = true;
        for (const auto& part : {parts.first, parts.last}) {
            if (!part.empty()) name.columns.push_back(part.front());
        }
        return std::nullopt;
    }

    // The columns of a platform's table that the header has and no map took, in the table's
    // order of preference.
    std::vector<std::size_t> platform_columns(const std::vector<std::string_view>& names,
                                              bool first_only = false) {
        std::vector<std::size_t> found;
        for (const auto name : names) {
            const auto column = io::find_column(header, name);
            if (!column || taken[*column]) continue;
            taken[*column] = true;
            found.push_back(*column);
            if (first_only) break;
        }
        return found;
    }

    // A field the platform names, unless a map gave it or the header lacks its columns.
    void platform_field(Field field, Source source) {
        const auto index = static_cast<std::size_t>(field);
        if (source.columns.empty() && source.parts.empty()) return;
        mapped[index] = true;
        out.m_sources[index] = std::move(source);
    }

    // A whole name by preference, else the first and the last name joined.
    void platform_name(const Platform& p) {
        if (mapped[static_cast<std::size_t>(Field::name)]) return;
        Source name{.columns = platform_columns(p.full_name)};
        for (const auto* part : {&p.first_name, &p.last_name}) {
            for (const auto column : platform_columns(*part, true)) name.parts.push_back(column);
        }
        if (name.columns.empty()) name = Source{.columns = name.parts, .join = true};
        platform_field(Field::name, std::move(name));
    }

    // The first of the platform's time sources whose columns the header has all.
    void platform_time(const Platform& p) {
        if (mapped[static_cast<std::size_t>(Field::registered_at)]) return;
        for (const auto& source : p.times) {
            const bool all = std::all_of(source.columns.begin(), source.columns.end(),
                                         [&](auto name) { return io::find_column(header, name); });
            if (!all) continue;
            platform_field(Field::registered_at,
                           Source{.columns = platform_columns(source.columns), .join = true});
            out.m_time_formats = source.formats;
            return;
        }
    }

    void apply_platform() {
        const auto* p = platform.platform;
        if (!p) return;
        platform_name(*p);
        const std::pair<Field, const std::vector<std::string_view>*> fields[] = {
            {Field::email, &p->email},
            {Field::organisation, &p->organisation},
            {Field::language, &p->language},
            {Field::status, &p->status}};
        for (const auto& [field, names] : fields) {
            if (mapped[static_cast<std::size_t>(field)]) continue;
            platform_field(field, Source{.columns = platform_columns(*names)});
        }
        platform_time(*p);
        // The columns the platform is known by (order codes, ticket numbers, ids) are what they
        // are, never a name: Eventbrite's "Attendee #" would read as one.
        for (const auto* names : {&p->leading, &p->required}) {
            for (const auto column : platform_columns(*names)) {
                // An "ID" belongs to the platform, as convene's own id to its database.
                if (text::lowercase_ascii(trimmed(header[column])) == "id") continue;
                keep_or_ignore(column, trimmed(header[column]));
            }
        }
        if (platform.keep_noise) return;
        for (std::size_t column = 0; column < header.size(); ++column) {
            if (taken[column] || !is_noise_column(*p, header[column])) continue;
            taken[column] = true;
            out.m_left_out.push_back(header[column]);
        }
    }

    std::optional<HeaderProblem> run(const std::vector<std::string>& maps) {
        for (const auto& map : maps) {
            if (auto problem = apply_map(map)) return HeaderProblem{std::move(*problem)};
        }
        apply_platform();
        for (std::size_t column = 0; column < header.size(); ++column) {
            if (!taken[column]) sort_column(column);
        }
        place_noms();
        for (std::size_t field = 0; field < k_fields; ++field) {
            if (auto problem = choose(field)) return HeaderProblem{std::move(*problem)};
        }
        if (auto problem = join_name_parts()) return HeaderProblem{std::move(*problem)};
        std::sort(out.m_custom_columns.begin(), out.m_custom_columns.end());
        for (const auto& [column, key] : out.m_custom_columns) out.m_custom.push_back(key);
        for (const auto field : {Field::name, Field::email}) {
            if (out.source(field).columns.empty()) {
                const auto name = k_field_names[static_cast<std::size_t>(field)];
                return HeaderProblem{fmt::format("the header has no '{}' column", name),
                                     std::string(name)};
            }
        }
        return std::nullopt;
    }
};

RegistrationColumns::RegistrationColumns(const std::vector<std::string>& header)
    : m_header(header), m_sources(k_fields) {}

domain::Checked<RegistrationColumns, HeaderProblem> RegistrationColumns::read(
    const std::vector<std::string>& header, bool ignore_unknown,
    const std::vector<std::string>& maps, PlatformReading platform) {
    RegistrationColumns columns(header);
    columns.m_platform = platform;
    Reading reading{columns, header, ignore_unknown, platform};
    if (auto problem = reading.run(maps)) return std::move(*problem);
    return columns;
}

namespace {

// The non-empty cells of `columns`, the first one or all joined with a space, after `value`.
void append_cells(const std::vector<std::size_t>& columns, bool join,
                  const std::vector<std::string>& fields, std::string& value) {
    for (const auto column : columns) {
        if (column >= fields.size()) continue;
        const auto part = text::trim(fields[column]);
        if (part.empty()) continue;
        if (!value.empty()) value += ' ';
        const auto start = value.size();
        value += part;
        restore_formula(value, start);
        if (!join) return;
    }
}

}  // namespace

void RegistrationColumns::value_of(const Source& source, const std::vector<std::string>& fields,
                                   std::string& value) const {
    value.clear();
    append_cells(source.columns, source.join, fields, value);
    if (value.empty()) append_cells(source.parts, true, fields, value);
}

std::optional<std::string> RegistrationColumns::fill(const std::vector<std::string>& fields,
                                                     RegistrationRequest& request,
                                                     StatusMeaning* meaning) const {
    // Assigned, not replaced: each string keeps the storage it had for the previous row.
    const auto optional_value = [&](Field field, std::optional<std::string>& into) {
        if (source(field).columns.empty()) return into.reset();
        if (!into) into.emplace();
        value_of(source(field), fields, *into);
    };
    value_of(source(Field::name), fields, request.name);
    value_of(source(Field::email), fields, request.email);
    optional_value(Field::organisation, request.organisation);
    optional_value(Field::language, request.language);
    if (auto problem = fill_rare(fields, request)) return problem;
    StatusMeaning row_meaning = StatusMeaning::registered;
    if (auto problem = platform_status(fields, row_meaning)) return problem;
    if (meaning) *meaning = row_meaning;
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
        if (column - 1 < fields.size() && !text::trim(fields[column - 1]).empty()) {
            return fmt::format("column {} has no name in the header, but holds \"{}\"", column,
                               fields[column - 1]);
        }
    }
    return std::nullopt;
}

// The rarer columns: status and times.
std::optional<std::string> RegistrationColumns::fill_rare(const std::vector<std::string>& fields,
                                                          RegistrationRequest& request) const {
    std::string text;
    request.status.reset();
    if (!source(Field::status).columns.empty() && !m_platform.platform) {
        value_of(source(Field::status), fields, text);
        if (!text.empty()) {
            auto status = parse_status(text);
            if (!status) return status.problem();
            request.status = *status;
        }
    }
    for (const auto field : {Field::registered_at, Field::checked_in_at}) {
        auto& into = field == Field::registered_at ? request.registered_at : request.checked_in_at;
        into.reset();
        if (source(field).columns.empty()) continue;
        value_of(source(field), fields, text);
        if (text.empty()) continue;
        if (auto problem = read_time(field, text, into)) return problem;
    }
    return std::nullopt;
}

// A time in convene's own shape (UTC when it has no offset), or in the platform's shapes (the
// event's zone).
std::optional<std::string> RegistrationColumns::read_time(
    Field field, const std::string& text, std::optional<domain::Instant>& into) const {
    const auto& column = m_header[source(field).columns[0]];
    if (field != Field::registered_at || m_time_formats.empty()) {
        auto instant = parse_time(column, text);
        if (!instant) return instant.problem();
        into = *instant;
        return std::nullopt;
    }
    auto instant = parse_platform_time(text, m_time_formats, *m_platform.zone);
    if (!instant) {
        return fmt::format("{}: {} ({})", column, instant.problem().message,
                           instant.problem().hint);
    }
    into = *instant;
    return std::nullopt;
}

// What the platform's status word of the row means; a word the platform does not write is
// refused with those it does.
std::optional<std::string> RegistrationColumns::platform_status(
    const std::vector<std::string>& fields, StatusMeaning& meaning) const {
    meaning = StatusMeaning::registered;
    const auto* platform = m_platform.platform;
    const auto& status = source(Field::status);
    if (!platform || status.columns.empty()) return std::nullopt;
    std::string word;
    value_of(status, fields, word);
    if (const auto found = status_meaning(*platform, word)) {
        meaning = *found;
        return std::nullopt;
    }
    std::vector<std::string> words;
    for (const auto& known : platform->statuses) {
        words.push_back(known.word.empty() ? "(empty)" : std::string(known.word));
    }
    return fmt::format("{} '{}' is not a status {} writes ({})", m_header[status.columns[0]], word,
                       platform->description, fmt::join(words, ", "));
}

// "status: paid → registered; canceled, cancelled → cancelled; pending, expired → skipped".
std::optional<std::string> RegistrationColumns::status_decisions() const {
    const auto* platform = m_platform.platform;
    if (!platform || source(Field::status).columns.empty()) return std::nullopt;
    std::vector<std::string> decisions;
    for (const auto meaning :
         {StatusMeaning::registered, StatusMeaning::cancelled, StatusMeaning::skipped}) {
        std::vector<std::string> words;
        for (const auto& status : platform->statuses) {
            if (status.meaning != meaning) continue;
            words.push_back(status.word.empty() ? "(empty)" : std::string(status.word));
        }
        if (words.empty()) continue;
        decisions.push_back(fmt::format("{} → {}", fmt::join(words, ", "), to_string(meaning)));
    }
    return fmt::format("status: {}", fmt::join(decisions, "; "));
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
    for (const auto& name : m_left_out) lines.push_back(fmt::format("left out: \"{}\"", name));
    if (auto statuses = status_decisions()) lines.push_back(std::move(*statuses));
    for (const auto column : m_unnamed) {
        lines.push_back(fmt::format("skipped: column {} (no name, empty)", column));
    }
    return lines;
}

namespace {

// The text of a value (null reads as empty), written over `text`; else what is wrong with it.
std::optional<std::string> text_of(const std::string& key, const nlohmann::ordered_json& value,
                                   std::string& text) {
    if (value.is_null()) {
        text.clear();
        return std::nullopt;
    }
    if (!value.is_string()) {
        return fmt::format("\"{}\" must be a string, not {}", key, value.type_name());
    }
    text = value.get<std::string>();
    return std::nullopt;
}

// Whether a JSON key (in lower case) is a registration's own field.
bool is_own_key(std::string_view lower) {
    return lower == "organization" || domain::is_reserved_field_name(lower);
}

// One key of an object into `request`: an own field (`lower` is its name in lower case), or a
// custom field. Returns what is wrong with its value.
std::optional<std::string> read_key(const std::string& key, std::string_view lower,
                                    const nlohmann::ordered_json& value,
                                    RegistrationRequest& request) {
    if (!is_own_key(lower) && (value.is_number() || value.is_boolean())) {
        request.fields.emplace_back(key, value.dump());
        return std::nullopt;
    }
    std::string text;
    if (auto problem = text_of(key, value, text)) return problem;
    if (lower == "name") {
        request.name = std::move(text);
    } else if (lower == "email") {
        request.email = std::move(text);
    } else if (lower == "organisation" || lower == "organization") {
        request.organisation = std::move(text);
    } else if (lower == "language") {
        request.language = std::move(text);
    } else if (lower == "status") {
        if (text.empty()) return std::nullopt;
        auto status = parse_status(text);
        if (!status) return status.problem();
        request.status = *status;
    } else if (lower == "registered_at" || lower == "checked_in_at") {
        if (text.empty()) return std::nullopt;
        auto instant = parse_time(key, text);
        if (!instant) return instant.problem();
        (lower == "registered_at" ? request.registered_at : request.checked_in_at) = *instant;
    } else {
        request.fields.emplace_back(key, std::move(text));
    }
    return std::nullopt;
}

}  // namespace

Checked<RegistrationRequest> request_from_json(const nlohmann::ordered_json& object,
                                               bool ignore_unknown) {
    RegistrationRequest request;
    bool has_name = false;
    bool has_email = false;
    for (const auto& [key, value] : object.items()) {
        const auto lower = text::lowercase_ascii(key);
        if (lower == "id" || lower == "waitlist_position") continue;
        if (ignore_unknown && !is_own_key(lower)) continue;
        if (auto problem = read_key(key, lower, value, request)) return std::move(*problem);
        has_name = has_name || lower == "name";
        has_email = has_email || lower == "email";
    }
    if (!has_name) return std::string("no \"name\"");
    if (!has_email) return std::string("no \"email\"");
    return request;
}

}  // namespace convene::io
