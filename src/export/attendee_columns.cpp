#include "convene/export/attendee_columns.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "convene/domain/registration_request.hpp"
#include "convene/domain/time.hpp"
#include "convene/text/strings.hpp"

namespace convene::output {

// Where a column's cells come from: a registration's own field, what the ledger says (only
// when named: not registration data to import back), or a custom field by its name.
enum class AttendeeColumns::Source {
    id,
    name,
    email,
    organisation,
    language,
    status,
    registered_at,
    checked_in_at,
    waitlist_position,
    attended_minutes,
    sent_method,
    sent_sequence,
    sent_at,
    reply,
    custom,
};

namespace {

using Source = AttendeeColumns::Source;

constexpr Source k_own_by_index[] = {Source::id,
                                     Source::name,
                                     Source::email,
                                     Source::organisation,
                                     Source::language,
                                     Source::status,
                                     Source::registered_at,
                                     Source::checked_in_at,
                                     Source::waitlist_position};
static_assert(std::size(k_own_by_index) == domain::k_registration_fields.size());

// Shown only when named, like the ledger's: not among the columns `register --csv` reads back.
constexpr std::pair<std::string_view, Source> k_named_fields[] = {
    {"attended_minutes", Source::attended_minutes},
    {"sent_method", Source::sent_method},
    {"sent_sequence", Source::sent_sequence},
    {"sent_at", Source::sent_at},
    {"reply", Source::reply},
};

std::optional<Source> known_field(std::string_view name) {
    for (std::size_t i = 0; i < domain::k_registration_fields.size(); ++i) {
        if (domain::k_registration_fields[i] == name) return k_own_by_index[i];
    }
    for (const auto& [field, source] : k_named_fields) {
        if (field == name) return source;
    }
    return std::nullopt;
}

ColumnType type_of(Source source) {
    switch (source) {
        case Source::id:
        case Source::waitlist_position:
        case Source::attended_minutes:
        case Source::sent_sequence: return ColumnType::integer;
        default: return ColumnType::text;
    }
}

// In a table too wide for the terminal: free text is cut, the times may go.
Fit fit_of(Source source) {
    switch (source) {
        case Source::name:
        case Source::organisation:
        case Source::custom: return Fit::cut;
        case Source::language:
        case Source::registered_at:
        case Source::checked_in_at:
        case Source::waitlist_position:
        case Source::sent_at: return Fit::hide;
        default: return Fit::keep;
    }
}

Cell custom_cell(const domain::Registration& registration, std::string_view key) {
    for (const auto& [name, value] : registration.fields) {
        if (name == key) return text_or_null(value);
    }
    return Cell();
}

// `text` holds the time until the row is written.
Cell time_cell(std::string& text, const std::optional<domain::Instant>& when) {
    text.clear();
    if (!when) return Cell();
    domain::append_utc(text, *when);
    return Cell(text);
}

}  // namespace

AttendeeColumns AttendeeColumns::all(const std::vector<std::string>& custom_keys) {
    AttendeeColumns columns;
    for (std::size_t i = 0; i < domain::k_registration_fields.size(); ++i) {
        if (k_own_by_index[i] == Source::id) continue;
        columns.m_columns.push_back(
            {std::string(domain::k_registration_fields[i]), k_own_by_index[i]});
    }
    for (const auto& key : custom_keys) columns.m_columns.push_back({key, Source::custom});
    return columns;
}

std::optional<domain::Problem> AttendeeColumns::add(std::string_view name,
                                                    const std::vector<std::string>& custom_keys) {
    if (const auto source = known_field(name)) {
        m_columns.push_back({std::string(name), *source});
        return std::nullopt;
    }
    if (std::find(custom_keys.begin(), custom_keys.end(), name) != custom_keys.end()) {
        m_columns.push_back({std::string(name), Source::custom});
        return std::nullopt;
    }
    return domain::Problem{{},
                           fmt::format("no field '{}' in this event's registrations", name),
                           fmt::format("fields: {},attended_minutes,sent_method,sent_sequence,"
                                       "sent_at,reply{}{}",
                                       fmt::join(domain::k_registration_fields, ","),
                                       custom_keys.empty() ? "" : ",",
                                       fmt::join(custom_keys, ","))};
}

bool AttendeeColumns::contains(std::string_view name) const {
    return std::any_of(m_columns.begin(), m_columns.end(),
                       [&](const Entry& column) { return column.name == name; });
}

std::vector<Column> AttendeeColumns::header() const {
    std::vector<Column> header;
    for (const auto& [name, source] : m_columns) {
        header.push_back({name, type_of(source), fit_of(source)});
    }
    return header;
}

bool AttendeeColumns::shows(Source source) const {
    return std::any_of(m_columns.begin(), m_columns.end(),
                       [&](const Entry& column) { return column.source == source; });
}

bool AttendeeColumns::shows_custom_fields() const { return shows(Source::custom); }
bool AttendeeColumns::shows_waitlist_position() const { return shows(Source::waitlist_position); }
bool AttendeeColumns::shows_last_sent() const {
    return shows(Source::sent_method) || shows(Source::sent_sequence) || shows(Source::sent_at);
}
bool AttendeeColumns::shows_reply() const { return shows(Source::reply); }

std::span<const Cell> AttendeeColumns::cells(const domain::Attendee& attendee) {
    m_cells.resize(m_columns.size());
    for (std::size_t i = 0; i < m_columns.size(); ++i) m_cells[i] = cell(m_columns[i], attendee);
    return m_cells;
}

// Each column shows once, so each text it borrows is filled once per row.
Cell AttendeeColumns::cell(const Entry& column, const domain::Attendee& attendee) {
    const auto& r = attendee.registration;
    const auto* last = attendee.last_sent;
    switch (column.source) {
        case Source::id: return Cell(r.id);
        case Source::name: return Cell(r.name);
        case Source::email: return Cell(r.email);
        case Source::organisation: return text_or_null(r.organisation);
        case Source::language: return text_or_null(r.language);
        case Source::status: return Cell(domain::to_string(r.status));
        case Source::registered_at: return time_cell(m_registered_at, r.registered_at);
        case Source::checked_in_at: return time_cell(m_checked_in_at, r.checked_in_at);
        case Source::waitlist_position: return Cell(attendee.waitlist_position);
        case Source::attended_minutes:
            return r.attended ? Cell(domain::rounded_minutes(*r.attended)) : Cell();
        case Source::sent_method: return last ? Cell(domain::to_string(last->method)) : Cell();
        case Source::sent_sequence: return last ? Cell(last->sequence) : Cell();
        case Source::sent_at:
            return time_cell(m_sent_at, last ? std::optional(last->sent_at) : std::nullopt);
        case Source::reply:
            if (!attendee.reply) return Cell();
            m_reply = text::lowercase_ascii(attendee.reply->partstat);
            return text_or_null(m_reply);
        case Source::custom: return custom_cell(r, column.name);
    }
    return Cell();
}

}  // namespace convene::output
