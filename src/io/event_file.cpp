#include "convene/io/event_file.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"

namespace convene::io {

using domain::AgendaItemInput;
using domain::EventInput;
using domain::TimeInput;

namespace {

// The keys of convene-event-file(5), each with the input field it fills: a key is one line
// here. Anything else in the file is rejected.
template <typename Input, typename Field>
struct Key {
    std::string_view name;
    Field Input::*field;
    bool time{false};  // may also be a TOML date, time or date-time
};
using Text = std::optional<std::string>;
using Texts = std::optional<std::vector<std::string>>;

constexpr Key<EventInput, Text> k_event_texts[] = {
    {"title", &EventInput::title},
    {"slug", &EventInput::slug},
    {"description", &EventInput::description},
    {"venue", &EventInput::venue},
    {"room", &EventInput::room},
    {"track", &EventInput::track},
    {"type", &EventInput::type},
    {"online", &EventInput::online_url},
    {"join-url", &EventInput::join_url},
    {"registration-url", &EventInput::registration_url},
    {"locale", &EventInput::locale},
    {"status", &EventInput::status},
};
constexpr Key<TimeInput, Text> k_event_times[] = {
    {"start", &TimeInput::start, true}, {"end", &TimeInput::end, true},
    {"date", &TimeInput::date, true},   {"end-date", &TimeInput::end_date, true},
    {"duration", &TimeInput::duration}, {"timezone", &TimeInput::timezone},
};
constexpr Key<EventInput, Texts> k_event_lists[] = {
    {"languages", &EventInput::languages},
    {"organisers", &EventInput::organisers},
    {"tracks", &EventInput::tracks},  // each "Name" or "Name=#rrggbb"
};
constexpr Key<AgendaItemInput, Text> k_item_texts[] = {
    {"title", &AgendaItemInput::title},       {"description", &AgendaItemInput::description},
    {"kind", &AgendaItemInput::kind},         {"start", &AgendaItemInput::start, true},
    {"duration", &AgendaItemInput::duration},
};
constexpr Key<AgendaItemInput, Texts> k_item_lists[] = {{"points", &AgendaItemInput::points}};
// Keys of other types, read one by one below.
constexpr std::string_view k_event_others[] = {"parent", "capacity", "agenda"};
constexpr std::string_view k_item_others[] = {"speakers"};
constexpr std::string_view k_speaker_keys[] = {"name", "role", "organisation"};

template <typename Keys>
bool names(const Keys& keys, std::string_view name) {
    return std::any_of(std::begin(keys), std::end(keys), [&](const auto& key) {
        if constexpr (std::is_convertible_v<decltype(key), std::string_view>) {
            return key == name;
        } else {
            return key.name == name;
        }
    });
}

// Reads one file into an EventFile. What is not a value of the format (an unknown key, a
// value of the wrong type) is a BadInputError naming the file, the line and the key.
class Reader {
public:
    explicit Reader(std::string name) { m_file.name = std::move(name); }

    EventFile read(const toml::table& root) &&;

private:
    [[noreturn]] void fail(const toml::node& node, std::string_view key, std::string_view what,
                           std::string hint = {}) const {
        throw BadInputError(
            fmt::format("{}:{}: {}: {}", m_file.name, node.source().begin.line, key, what),
            std::move(hint));
    }

    // `node` holds the value of `key`: its line is kept for what the rules say of it later.
    const toml::node& take(const toml::node& node, const std::string& key) {
        m_file.lines.emplace(key, node.source().begin.line);
        return node;
    }

    template <typename Known>
    void reject_unknown(const toml::table& table, const std::string& prefix, Known known) const {
        for (const auto& [name, node] : table) {
            if (!known(name.str())) fail(node, prefix + std::string(name.str()), "unknown key");
        }
    }

    std::string string(const toml::node& node, std::string_view key) const {
        const auto* value = node.as_string();
        if (!value) fail(node, key, "expected a string");
        // Every string of the file passes here: bounded, no NUL or control characters, line
        // breaks only in descriptions; messages may quote it.
        const bool long_text = key.ends_with("description");
        const bool is_url = key == "online" || key == "join-url" || key == "registration-url";
        if (auto problem = domain::text_problem(
                "the value", value->get(),
                long_text ? domain::k_max_long_text
                          : (is_url ? domain::k_max_url : domain::k_max_short_text),
                long_text ? domain::TextKind::markdown : domain::TextKind::line)) {
            fail(node, key, *problem);
        }
        return value->get();
    }

    std::vector<std::string> strings(const toml::node& node, const std::string& key) {
        const auto* array = node.as_array();
        if (!array) fail(node, key, "expected an array of strings");
        std::vector<std::string> values;
        for (const auto& element : *array) {
            take(element, fmt::format("{}[{}]", key, values.size() + 1));
            values.push_back(string(element, key));
        }
        return values;
    }

    std::string time_text(const toml::node& node, std::string_view key) const;

    // Fills the fields of `input` that the keys of `table` give; "PREFIXkey" in messages.
    template <typename Input>
    void read_keys(const toml::table& table, const std::string& prefix, Input& input,
                   std::span<const Key<Input, Text>> texts,
                   std::span<const Key<Input, Texts>> lists = {}) {
        for (const auto& key : texts) {
            const auto* node = table.get(key.name);
            if (!node) continue;
            const auto name = prefix + std::string(key.name);
            take(*node, name);
            input.*key.field = key.time ? time_text(*node, name) : string(*node, name);
        }
        for (const auto& key : lists) {
            const auto* node = table.get(key.name);
            if (node)
                input.*key.field = strings(take(*node, prefix + std::string(key.name)),
                                           prefix + std::string(key.name));
        }
    }

    void read_parent(const toml::node& node);
    void read_capacity(const toml::node& node);
    void read_agenda(const toml::node& node);
    AgendaItemInput read_item(const toml::table& table, const std::string& prefix);
    std::vector<domain::Speaker> read_speakers(const toml::node& node, const std::string& key);

    EventFile m_file;
};

// A time may be written as a TOML date, time or date-time, or as the text the flags take.
std::string Reader::time_text(const toml::node& node, std::string_view key) const {
    if (node.is_string()) return string(node, key);
    const auto date = [](const toml::date& d) {
        return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    };
    const auto time = [](const toml::time& t) {
        return fmt::format("{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
    };
    if (const auto* d = node.as_date()) return date(d->get());
    if (const auto* t = node.as_time()) return time(t->get());
    if (const auto* dt = node.as_date_time()) {
        const auto& value = dt->get();
        std::string text = date(value.date) + "T" + time(value.time);
        if (value.offset) {
            const int minutes = value.offset->minutes;
            const int size = minutes < 0 ? -minutes : minutes;
            text += fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', size / 60, size % 60);
        }
        return text;
    }
    fail(node, key, "expected a date, time or date-time (or a string)");
}

void Reader::read_parent(const toml::node& node) {
    take(node, "parent");
    const auto* id = node.as_integer();
    m_file.event.parent = id ? std::to_string(id->get()) : string(node, "parent");
}

void Reader::read_capacity(const toml::node& node) {
    const auto* capacity = take(node, "capacity").as_integer();
    if (!capacity) fail(node, "capacity", "expected an integer");
    m_file.event.capacity = capacity->get();
}

std::vector<domain::Speaker> Reader::read_speakers(const toml::node& node, const std::string& key) {
    const auto* speakers = take(node, key).as_array();
    if (!speakers) fail(node, key, "expected an array of tables ([[agenda.speakers]])");
    std::vector<domain::Speaker> result;
    for (const auto& element : *speakers) {
        const auto at = fmt::format("{}[{}]", key, result.size() + 1);
        const auto* fields = take(element, at).as_table();
        if (!fields) fail(element, at, "expected a table with name, role, organisation");
        reject_unknown(*fields, at + ".", [](auto name) { return names(k_speaker_keys, name); });
        const auto get = [&](std::string_view name) {
            const auto* field = fields->get(name);
            const auto field_key = at + "." + std::string(name);
            return field ? string(take(*field, field_key), field_key) : std::string();
        };
        result.push_back({get("name"), get("role"), get("organisation")});
    }
    return result;
}

AgendaItemInput Reader::read_item(const toml::table& table, const std::string& prefix) {
    reject_unknown(table, prefix, [](auto name) {
        return names(k_item_texts, name) || names(k_item_lists, name) || names(k_item_others, name);
    });
    AgendaItemInput item;
    read_keys<AgendaItemInput>(table, prefix, item, k_item_texts, k_item_lists);
    if (const auto* node = table.get("speakers")) {
        item.speakers = read_speakers(*node, prefix + "speakers");
    }
    return item;
}

void Reader::read_agenda(const toml::node& node) {
    const auto* items = take(node, "agenda").as_array();
    if (!items) fail(node, "agenda", "expected an array of tables ([[agenda]])");
    for (const auto& element : *items) {
        const auto at = fmt::format("agenda[{}]", m_file.agenda.size() + 1);
        const auto* table = take(element, at).as_table();
        if (!table) fail(element, at, "expected a table");
        m_file.agenda.push_back(read_item(*table, at + "."));
    }
}

EventFile Reader::read(const toml::table& root) && {
    reject_unknown(root, "", [](auto name) {
        return names(k_event_texts, name) || names(k_event_times, name) ||
               names(k_event_lists, name) || names(k_event_others, name);
    });
    read_keys<EventInput>(root, "", m_file.event, k_event_texts, k_event_lists);
    read_keys<TimeInput>(root, "", m_file.event.times, k_event_times);
    if (const auto* node = root.get("parent")) read_parent(*node);
    if (const auto* node = root.get("capacity")) read_capacity(*node);
    if (const auto* node = root.get("agenda")) read_agenda(*node);
    return std::move(m_file);
}

// The line where tables, arrays, inline tables and dotted keys nest deeper than `max`, or 0.
// Checked before parsing: the TOML parser and the tables it builds recurse once per level,
// and 100,000 levels of "a.a.a…" end in a stack overflow.
std::size_t too_deep_line(std::string_view text, std::size_t max) {
    std::vector<char> open;  // '[' and '{' not closed yet
    bool in_key = true;      // dots separate keys here, not digits of a number
    bool in_header = false;  // [table] or [[table]]
    std::size_t dots = 0;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            if (open.empty()) {
                in_key = true;
                in_header = false;
                dots = 0;
            }
            continue;
        }
        if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '"' || c == '\'') {
            const bool triple = text.substr(i, 3) == std::string(3, c);
            const std::string_view close = triple ? text.substr(i, 3) : text.substr(i, 1);
            i += close.size();
            while (i < text.size() && text.substr(i, close.size()) != close) {
                if (text[i] == '\n') ++line;
                if (c == '"' && text[i] == '\\') ++i;
                ++i;
            }
            i += close.size() - 1;
            continue;
        }
        switch (c) {
            case '[':
                if (open.empty() && in_key && !in_header && dots == 0) {
                    in_header = true;
                    if (i + 1 < text.size() && text[i + 1] == '[') ++i;
                } else {
                    open.push_back(c);
                    in_key = false;
                }
                break;
            case '{':
                open.push_back(c);
                in_key = true;
                dots = 0;
                break;
            case ']':
            case '}':
                if (open.empty()) {
                    in_key = false;  // the end of a table header
                } else {
                    open.pop_back();
                }
                break;
            case ',':
                in_key = !open.empty() && open.back() == '{';
                dots = 0;
                break;
            case '=':
                in_key = false;
                dots = 0;
                break;
            case '.':
                if (in_key) ++dots;
                break;
            default: break;
        }
        if (open.size() + dots > max) return line;
    }
    return 0;
}

}  // namespace

void EventFile::fail(const domain::Problem& problem) const {
    // The line of the key, else of the table that would hold it: a speaker without a name is
    // said of "agenda[2].speakers[1].name" on the line of that speaker's table.
    std::string_view key = problem.field;
    auto line = lines.find(key);
    while (line == lines.end() && !key.empty()) {
        const auto cut = key.find_last_of(".[");
        key = cut == std::string_view::npos ? std::string_view{} : key.substr(0, cut);
        line = lines.find(key);
    }
    auto where = line == lines.end() ? name : fmt::format("{}:{}", name, line->second);
    auto message = problem.field.empty()
                       ? fmt::format("{}: {}", where, problem.message)
                       : fmt::format("{}: {}: {}", where, problem.field, problem.message);
    if (problem.not_found) throw NotFoundError(std::move(message), problem.hint);
    throw BadInputError(std::move(message), problem.hint);
}

EventFile parse_event_file(std::string_view text, const std::string& name) {
    if (text.size() > domain::k_max_event_file_bytes) {
        throw BadInputError(
            fmt::format("{}: larger than {} KiB", name, domain::k_max_event_file_bytes / 1024));
    }
    if (const auto line = too_deep_line(text, domain::k_max_nesting)) {
        throw BadInputError(
            fmt::format("{}:{}: nested deeper than {} levels", name, line, domain::k_max_nesting));
    }
    toml::table root;
    try {
        root = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        throw BadInputError(fmt::format("{}:{}: {}", name, e.source().begin.line, e.description()));
    }
    return Reader(name).read(root);
}

EventFile read_event_file(const std::string& path) {
    InputFile input(path);
    // One byte more than allowed is enough to tell that the file is too large (/dev/zero).
    std::string text(domain::k_max_event_file_bytes + 1, '\0');
    input.stream().read(text.data(), static_cast<std::streamsize>(text.size()));
    if (input.stream().bad())
        throw BadInputError(fmt::format("{}: read error", display_name(path)));
    text.resize(static_cast<std::size_t>(input.stream().gcount()));
    return parse_event_file(text, display_name(path));
}

}  // namespace convene::io
