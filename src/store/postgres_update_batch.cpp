#include "postgres_update_batch.hpp"

#include <iterator>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "field_pairs.hpp"
#include "stored_time.hpp"

namespace convene::store {

namespace {

// The rows come as one JSON array (one parameter, however many rows): the columns every
// update of a registration writes (registration_binding.hpp), by the row's id. The fields go
// as a JSON string and are cast, so that the column keeps convene's text as it is (json is
// stored as written). The email key must match too: a batch never moves a row to another
// key, which the questions the bulk writer answers about keys rely on; the count says so.
constexpr std::string_view k_update = R"sql(
WITH v AS (
    SELECT * FROM json_to_recordset(CAST(? AS json)) AS v(
        id bigint, name text, email text, email_key text, organisation text, language text,
        status text, registered_at bigint, checked_in_at bigint, sequence_offset bigint,
        attended_seconds bigint, fields text)
), done AS (
    UPDATE registration AS r
    SET name = v.name, email = v.email, organisation = v.organisation, language = v.language,
        status = v.status, registered_at = v.registered_at, checked_in_at = v.checked_in_at,
        sequence_offset = v.sequence_offset, attended_seconds = v.attended_seconds,
        fields = CAST(v.fields AS json)
    FROM v WHERE r.id = v.id AND r.email_key = v.email_key
    RETURNING 1
)
SELECT count(*) FROM done)sql";

void append_member(std::string& json, std::string_view name, std::string_view text) {
    fmt::format_to(std::back_inserter(json), ",\"{}\":", name);
    append_json_string(json, text);
}

void append_member(std::string& json, std::string_view name, std::optional<std::int64_t> value) {
    if (value) fmt::format_to(std::back_inserter(json), ",\"{}\":{}", name, *value);
    else fmt::format_to(std::back_inserter(json), ",\"{}\":null", name);
}

}  // namespace

void PostgresUpdateBatch::hold(const domain::Registration& r, const std::string& key) {
    m_keys.insert(key);
    m_rows += m_rows.empty() ? "[" : ",";
    fmt::format_to(std::back_inserter(m_rows), "{{\"id\":{}", r.id);
    append_member(m_rows, "name", r.name);
    append_member(m_rows, "email", r.email);
    append_member(m_rows, "email_key", key);
    append_member(m_rows, "organisation", r.organisation);
    append_member(m_rows, "language", r.language);
    append_member(m_rows, "status", domain::to_string(r.status));
    append_member(m_rows, "registered_at", seconds(r.registered_at));
    append_member(m_rows, "checked_in_at",
                  r.checked_in_at ? std::optional(seconds(*r.checked_in_at)) : std::nullopt);
    append_member(m_rows, "sequence_offset", r.sequence_offset);
    append_member(m_rows, "attended_seconds",
                  r.attended ? std::optional<std::int64_t>(r.attended->count()) : std::nullopt);
    if (encode_field_pairs(r.fields, m_fields_json)) append_member(m_rows, "fields", m_fields_json);
    m_rows += '}';
}

void PostgresUpdateBatch::write() {
    if (m_keys.empty()) return;
    m_rows += ']';
    if (!m_statement) m_statement = m_db.prepare(std::string(k_update));
    std::int64_t updated = 0;
    {
        sql::Use update(*m_statement);
        update->bind_reference(1, m_rows);
        update->step();
        updated = update->integer(0);
    }
    const auto held = static_cast<std::int64_t>(m_keys.size());
    m_rows.clear();
    m_keys.clear();
    if (updated != held) {
        throw std::logic_error(fmt::format(
            "a batch of {} registration updates found {} of their rows", held, updated));
    }
}

}  // namespace convene::store
