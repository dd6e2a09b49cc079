#pragma once
// How an engine writes the new registrations of a bulk import: held, then written together in
// the way that engine takes them fastest. sql::Connection::bulk_writer() makes the one of its
// engine: SQLite fifty rows per INSERT with its triggers and foreign-key checks off
// (sqlite_bulk_writer.hpp), PostgreSQL COPY (postgres_bulk_writer.hpp). RegistrationStore holds
// one and never asks which; it writes what is held before any statement of its own.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "convene/domain/registration.hpp"

namespace convene::store {

class BulkWriter {
public:
    // What the writer knows, without asking the database, of the registration of its event
    // with an email key: none has it (stored or held), one has it, or it cannot tell.
    enum class Key { free, taken, unknown };

    // Without finish(), what is held is dropped (the write transaction rolls back), and the
    // connection is as it was before.
    virtual ~BulkWriter() = default;

    // The event whose new registrations it holds; the import's write transaction holds it.
    virtual std::int64_t event_id() const noexcept = 0;
    virtual Key key(std::string_view key) = 0;
    // What key() answers without a statement: `unknown` where key() would ask the database.
    virtual Key key_known(std::string_view key) const = 0;
    // Holds a new registration of the event whose key is free; returns its id.
    virtual std::int64_t hold(const domain::Registration& registration, const std::string& key) = 0;
    // The held (not yet written) registration with this email key, or null.
    virtual const domain::Registration* find_held(std::string_view key) const = 0;
    // Writes what is held. The store calls it before any statement of its own...
    virtual void flush() = 0;
    // ...but this one before a look-up by an email key that is not held: a writer that knows
    // every held key need not write anything for it (a round trip saved on PostgreSQL).
    virtual void flush_for_key(std::string_view key) = 0;
    // An update of a stored registration of the event, whose email key stays `key` (a bulk's
    // updates are of rows found by their key): true if the writer holds it, to write with
    // what it holds; false, and the store writes it by a statement of its own.
    virtual bool hold_update(const domain::Registration& registration, const std::string& key) = 0;

    // What the store writes by statements of its own while the writer lasts, held rows written
    // first, each told before the change: a new registration (of any event), a stored one
    // whose status changes, a stored one deleted.
    virtual void inserted(const domain::Registration& registration, std::string_view key,
                          std::int64_t id) = 0;
    virtual void status_changing(std::int64_t id, domain::RegistrationStatus to) = 0;
    virtual void deleting(std::int64_t id, std::int64_t event_id, std::string_view key) = 0;
    // Custom fields the store writes for a registration of `event_id`, whose names the
    // event's list of field names must have.
    virtual void fields_written(std::int64_t event_id,
                                const std::vector<std::pair<std::string, std::string>>& fields) = 0;

    // Writes the rest and leaves the database as single writes would have: call it before
    // committing. The writer is done then.
    virtual void finish() = 0;
};

}  // namespace convene::store
