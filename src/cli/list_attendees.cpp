// convene list attendees EVENT: one row per registration, in registration order, streamed.
// Columns: name, email, organisation, language, status, registered_at, checked_in_at,
// waitlist_position, then one per custom field the event's registrations use. `register --csv`
// reads this back unchanged. On request (--fields), what `send` last sent each person and their
// reply: sent_method, sent_sequence, sent_at, reply.
#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_setup.hpp"
#include "convene/domain/email.hpp"
#include "convene/domain/invitation_ledger.hpp"
#include "convene/domain/registration_request.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/export/spreadsheet.hpp"
#include "convene/store/event_store.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"
#include "convene/text/strings.hpp"
#include "delimiter_flag.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

struct Options {
    std::string event;
    std::optional<std::string> status;
    std::optional<std::string> language;
    bool checked_in{false};
    bool not_checked_in{false};
    std::optional<std::string> fields;
    bool no_header{false};
    bool wide{false};
    bool excel{false};
    std::optional<std::string> delimiter;
    bool raw{false};
};

// --excel is CSV as Excel opens it in any locale: UTF-8 announced by a byte order mark, and
// the separator of the locale (--delimiter ';' in much of Europe). Plain csv stays RFC 4180.
output::Format writer_setup(const Options& options, Context& context,
                            output::DelimitedOptions& writer) {
    writer.raw = options.raw;
    auto format = context.output_format();
    if (options.excel) {
        if (!context.options().format.empty() && format != output::Format::csv) {
            throw UsageError("--excel writes CSV; it does not go with --format " +
                             context.options().format);
        }
        format = output::Format::csv;
        writer.byte_order_mark = true;
    }
    if (options.delimiter) {
        if (format != output::Format::csv) throw UsageError("--delimiter needs csv or --excel");
        writer.delimiter = delimiter_flag(*options.delimiter);
    }
    return format;
}

// What one output column shows: a registration's own field, or a custom field by name.
enum class Own {
    id,
    name,
    email,
    organisation,
    language,
    status,
    registered_at,
    checked_in_at,
    waitlist_position
};
struct Custom {
    std::string key;
};
// From the ledger, only when --fields asks: they are not registration data to import back.
enum class Sent { method, sequence, at, reply };
constexpr std::pair<std::string_view, Sent> k_sent_fields[] = {
    {"sent_method", Sent::method},
    {"sent_sequence", Sent::sequence},
    {"sent_at", Sent::at},
    {"reply", Sent::reply},
};
using Source = std::variant<Own, Custom, Sent>;

std::optional<Sent> sent_field(std::string_view name) {
    for (const auto& [field, sent] : k_sent_fields) {
        if (field == name) return sent;
    }
    return std::nullopt;
}

constexpr Own k_own_by_index[] = {
    Own::id,     Own::name,          Own::email,         Own::organisation,     Own::language,
    Own::status, Own::registered_at, Own::checked_in_at, Own::waitlist_position};
static_assert(std::size(k_own_by_index) == domain::k_registration_fields.size());

std::optional<Own> own_field(std::string_view name) {
    for (std::size_t i = 0; i < domain::k_registration_fields.size(); ++i) {
        if (domain::k_registration_fields[i] == name) return k_own_by_index[i];
    }
    return std::nullopt;
}

// The default columns leave out `id`: ids belong to one database, and without them a list
// imports into another event or database and lists back identically.
std::vector<std::pair<std::string, Source>> choose_columns(const Options& options,
                                                           const std::vector<std::string>& keys) {
    std::vector<std::pair<std::string, Source>> columns;
    if (!options.fields) {
        for (const auto name : domain::k_registration_fields) {
            if (name != "id") columns.emplace_back(std::string(name), *own_field(name));
        }
        for (const auto& key : keys) columns.emplace_back(key, Custom{key});
        return columns;
    }
    for (auto& name : text::split_list(*options.fields)) {
        if (auto own = own_field(name)) {
            columns.emplace_back(name, *own);
        } else if (auto sent = sent_field(name)) {
            columns.emplace_back(name, *sent);
        } else if (std::find(keys.begin(), keys.end(), name) != keys.end()) {
            columns.emplace_back(name, Custom{name});
        } else {
            throw UsageError(fmt::format("no field '{}' in this event's registrations", name),
                             fmt::format("fields: {},sent_method,sent_sequence,sent_at,reply{}{}",
                                         fmt::join(domain::k_registration_fields, ","),
                                         keys.empty() ? "" : ",", fmt::join(keys, ",")));
        }
        if (std::count_if(columns.begin(), columns.end(),
                          [&](const auto& column) { return column.first == name; }) > 1) {
            throw UsageError(fmt::format("--fields names '{}' twice", name));
        }
    }
    if (columns.empty()) throw UsageError("--fields names no field");
    return columns;
}

output::ColumnType type_of(const Source& source) {
    const auto* own = std::get_if<Own>(&source);
    const auto* sent = std::get_if<Sent>(&source);
    return (own && (*own == Own::id || *own == Own::waitlist_position)) ||
                   (sent && *sent == Sent::sequence)
               ? output::ColumnType::integer
               : output::ColumnType::text;
}

bool uses_ledger(const std::vector<std::pair<std::string, Source>>& columns) {
    return std::any_of(columns.begin(), columns.end(), [](const auto& column) {
        return std::holds_alternative<Sent>(column.second);
    });
}

// A ledger column of one row; null when nothing was sent (or no reply came).
output::Cell sent_cell(Sent source, const domain::LastSent* last, const std::string& sent_at,
                       const std::string& reply) {
    if (source == Sent::reply) return output::text_or_null(reply);
    if (!last) return output::Cell();
    switch (source) {
        case Sent::method: return output::Cell(domain::to_string(last->method));
        case Sent::sequence: return output::Cell(last->sequence);
        case Sent::at: return output::Cell(sent_at);
        case Sent::reply: break;
    }
    return output::Cell();
}

// In a table too wide for the terminal: free text is cut, the times may go.
output::Fit fit_of(const Source& source) {
    if (const auto* sent = std::get_if<Sent>(&source)) {
        return *sent == Sent::at ? output::Fit::hide : output::Fit::keep;
    }
    const auto* own = std::get_if<Own>(&source);
    if (!own) return output::Fit::cut;
    switch (*own) {
        case Own::name:
        case Own::organisation: return output::Fit::cut;
        case Own::language:
        case Own::registered_at:
        case Own::checked_in_at:
        case Own::waitlist_position: return output::Fit::hide;
        default: return output::Fit::keep;
    }
}

bool shows_position(const std::vector<std::pair<std::string, Source>>& columns) {
    return std::any_of(columns.begin(), columns.end(), [](const auto& column) {
        const auto* own = std::get_if<Own>(&column.second);
        return own && *own == Own::waitlist_position;
    });
}

// Places in the waiting list, which is the list order (registered_at, then id) of the
// waitlisted. While every waitlisted row is listed they are counted on the way; a filter that
// hides some (language, check-in) needs them counted first.
class WaitlistPositions {
public:
    WaitlistPositions(store::RegistrationStore& registrations, std::int64_t event_id,
                      const store::RegistrationFilter& filter, bool wanted) {
        if (!wanted || (!filter.language && !filter.checked_in)) return;
        std::int64_t position = 0;
        registrations.for_each(
            event_id, {.status = domain::RegistrationStatus::waitlisted},
            [&](const domain::Registration& r) { m_counted.emplace(r.id, ++position); },
            store::RegistrationStore::Fields::skip);
        m_precounted = true;
    }

    // Call once per listed registration, in list order.
    std::optional<std::int64_t> next(const domain::Registration& r) {
        if (r.status != domain::RegistrationStatus::waitlisted) return std::nullopt;
        if (!m_precounted) return ++m_seen;
        const auto found = m_counted.find(r.id);
        if (found == m_counted.end()) return std::nullopt;
        return found->second;
    }

private:
    bool m_precounted{false};
    std::int64_t m_seen{0};
    std::unordered_map<std::int64_t, std::int64_t> m_counted;
};

store::RegistrationFilter make_filter(const Options& options, const domain::Event& event) {
    store::RegistrationFilter filter;
    if (options.status) {
        filter.status = flag_value(domain::parse_registration_status(*options.status), "status");
    }
    if (options.language) {
        // The same matching as registration: case-insensitive, as the event spells it.
        domain::RegistrationRequest probe{
            .name = "x", .email = "x@example.org", .language = *options.language};
        if (auto problem = domain::normalise(probe, event)) throw UsageError(*problem);
        filter.language = *probe.language;
    }
    if (options.checked_in && options.not_checked_in) {
        throw UsageError("give --checked-in or --not-checked-in, not both");
    }
    if (options.checked_in) filter.checked_in = true;
    if (options.not_checked_in) filter.checked_in = false;
    return filter;
}

void run(const Options& options, Context& context) {
    auto& db = context.database();
    store::EventStore events(db);
    store::RegistrationStore registrations(db);
    const auto event = events.get(options.event);
    const auto filter = make_filter(options, event);
    const auto columns = choose_columns(options, registrations.field_keys(event.id));

    std::vector<output::Column> header;
    for (const auto& [name, source] : columns) {
        header.push_back({name, type_of(source), fit_of(source)});
    }
    output::DelimitedOptions delimited;
    const auto format = writer_setup(options, context, delimited);
    auto writer =
        output::make_row_writer(format, context.out(), std::move(header),
                                context.writer_options(options.no_header, options.wide), delimited);

    // Without a custom column the store need not read the fields (a subquery per row).
    const bool any_custom = std::any_of(columns.begin(), columns.end(), [](const auto& column) {
        return std::holds_alternative<Custom>(column.second);
    });
    const auto fields = any_custom ? store::RegistrationStore::Fields::read
                                   : store::RegistrationStore::Fields::skip;

    // The ledger of one event is one row per person: read it whole when it is asked for.
    std::unordered_map<std::string, domain::LastSent> sent;
    std::unordered_map<std::string, domain::Reply> replies;
    if (uses_ledger(columns)) {
        store::LedgerStore ledger(db);
        sent = ledger.last_sent_all(event.id);
        replies = ledger.replies(event.id);
    }

    std::vector<output::Cell> cells(columns.size());
    std::string registered_at;  // the cells borrow these until the row is written
    std::string checked_in_at;
    WaitlistPositions positions(registrations, event.id, filter, shows_position(columns));
    std::optional<std::int64_t> position;
    std::string sent_at;
    std::string reply;
    const domain::LastSent* last = nullptr;
    registrations.for_each(
        event.id, filter,
        [&](const domain::Registration& r) {
            position = positions.next(r);
            registered_at.clear();
            domain::append_utc(registered_at, r.registered_at);
            checked_in_at.clear();
            if (r.checked_in_at) domain::append_utc(checked_in_at, *r.checked_in_at);
            last = nullptr;
            reply.clear();
            if (!sent.empty() || !replies.empty()) {
                const auto key = domain::email_key(r.email);
                if (const auto found = sent.find(key); found != sent.end()) last = &found->second;
                if (const auto found = replies.find(key); found != replies.end()) {
                    reply = text::lowercase_ascii(found->second.partstat);
                }
            }
            sent_at.clear();
            if (last) domain::append_utc(sent_at, last->sent_at);
            for (std::size_t i = 0; i < columns.size(); ++i) {
                cells[i] = std::visit(
                    [&](const auto& source) -> output::Cell {
                        using T = std::decay_t<decltype(source)>;
                        if constexpr (std::is_same_v<T, Custom>) {
                            for (const auto& [key, value] : r.fields) {
                                if (key == source.key) return output::text_or_null(value);
                            }
                            return output::Cell();
                        } else if constexpr (std::is_same_v<T, Sent>) {
                            return sent_cell(source, last, sent_at, reply);
                        } else {
                            switch (source) {
                                case Own::id: return output::Cell(r.id);
                                case Own::name: return output::Cell(r.name);
                                case Own::email: return output::Cell(r.email);
                                case Own::organisation: return output::text_or_null(r.organisation);
                                case Own::language: return output::text_or_null(r.language);
                                case Own::status: return output::Cell(domain::to_string(r.status));
                                case Own::registered_at: return output::Cell(registered_at);
                                case Own::checked_in_at:
                                    return r.checked_in_at ? output::Cell(checked_in_at)
                                                           : output::Cell();
                                case Own::waitlist_position: return output::Cell(position);
                            }
                            return output::Cell();
                        }
                    },
                    columns[i].second);
            }
            writer->row(cells);
        },
        fields);
    writer->finish();
}

}  // namespace

Runner add_list_attendees(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("EVENT", options->event, "Event slug or id")->required();
    command.add_option("--status", options->status,
                       "Only registered, waitlisted or cancelled registrations");
    command.add_option("--language", options->language, "Only this preferred language");
    command.add_flag("--checked-in", options->checked_in, "Only people who checked in");
    command.add_flag("--not-checked-in", options->not_checked_in,
                     "Only people who did not check in");
    command.add_option("--fields", options->fields,
                       "Columns to show, in order: id,name,email,…, custom fields by name, and "
                       "sent_method,sent_sequence,sent_at,reply from the ledger");
    command.add_flag("--no-header", options->no_header, "Rows only (table, tsv, csv)");
    command.add_flag("--wide", options->wide, "table: every column whole, however wide");
    command.add_flag("--excel", options->excel,
                     "CSV for Excel in any locale: UTF-8 with a byte order mark, --delimiter");
    command.add_option("--delimiter", options->delimiter,
                       "CSV separator: ',' (default) ';' or "
                       "tab");
    command.add_flag("--raw", options->raw,
                     "Leave cells starting with = + - @ as they are (csv, tsv); by default a ' "
                     "goes before them so that spreadsheets run no formula");
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
