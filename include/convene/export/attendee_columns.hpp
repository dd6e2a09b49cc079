#pragma once
// The columns of `list attendees` and the cells of each row: a registration's own fields
// (domain::k_registration_fields), its custom fields by name, and, only when named, the time in
// the online meeting (attended_minutes) and what the ledger says: sent_method, sent_sequence,
// sent_at, reply. `register --csv` reads the default
// columns back unchanged.
//
//   auto columns = output::AttendeeColumns::all(keys);
//   auto writer = output::make_row_writer(format, out, columns.header(), options);
//   rows.for_each(reads, [&](const domain::Attendee& a) { writer->row(columns.cells(a)); });
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/attendee.hpp"
#include "convene/domain/problem.hpp"
#include "convene/export/cell.hpp"

namespace convene::output {

class AttendeeColumns {
public:
    // Where a column's cells come from (defined in the .cpp file).
    enum class Source;

    // The default: every registration field but `id`, then each custom field. Ids belong to
    // one database: without them a list imports into another event or database and lists back
    // identically.
    static AttendeeColumns all(const std::vector<std::string>& custom_keys);
    // No column yet: add() them in order.
    AttendeeColumns() = default;

    // Adds the column `name`: a registration field, a ledger field or one of `custom_keys`;
    // a problem naming every field there is when it is none of them.
    std::optional<domain::Problem> add(std::string_view name,
                                       const std::vector<std::string>& custom_keys);
    bool contains(std::string_view name) const;
    bool empty() const { return m_columns.empty(); }

    std::vector<Column> header() const;
    // What the rows need read besides a registration's own columns.
    bool shows_custom_fields() const;
    bool shows_waitlist_position() const;
    bool shows_last_sent() const;
    bool shows_reply() const;

    // The cells of one row. They borrow from `attendee` and from this object: write them
    // before the next call.
    std::span<const Cell> cells(const domain::Attendee& attendee);

private:
    struct Entry {
        std::string name;
        Source source;
    };
    Cell cell(const Entry& column, const domain::Attendee& attendee);
    bool shows(Source source) const;

    std::vector<Entry> m_columns;
    std::vector<Cell> m_cells;
    // The texts the cells of one row borrow.
    std::string m_registered_at;
    std::string m_checked_in_at;
    std::string m_sent_at;
    std::string m_reply;
};

}  // namespace convene::output
