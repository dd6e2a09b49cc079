#pragma once
// The registration columns that an insert, an update and a bulk import's batch bind alike.
#include <cstdint>
#include <string>

#include "convene/domain/registration.hpp"
#include "field_pairs.hpp"
#include "sql.hpp"
#include "stored_time.hpp"

namespace convene::store {

// Binds name, email, email_key, organisation, language, status, registered_at, checked_in_at,
// sequence_offset, attended_seconds and fields from parameter `first` on; returns the next. The
// texts are bound without a copy: `r` and `key` (its email's key) must outlive the statement's
// run (the fields' JSON, made here, is copied).
inline int bind_columns(sql::Statement& statement, int first, const domain::Registration& r,
                        const std::string& key) {
    int i = first;
    statement.bind_reference(i++, r.name);
    statement.bind_reference(i++, r.email);
    statement.bind_reference(i++, key);
    statement.bind_reference(i++, r.organisation);
    statement.bind_reference(i++, r.language);
    statement.bind(i++, domain::to_string(r.status));
    statement.bind(i++, seconds(r.registered_at));
    if (r.checked_in_at) statement.bind(i++, seconds(*r.checked_in_at));
    else statement.bind_null(i++);
    statement.bind(i++, r.sequence_offset);
    if (r.attended) statement.bind(i++, static_cast<std::int64_t>(r.attended->count()));
    else statement.bind_null(i++);
    if (const auto fields = encode_field_pairs(r.fields)) statement.bind(i++, *fields);
    else statement.bind_null(i++);
    return i;
}

}  // namespace convene::store
