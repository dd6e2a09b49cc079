#include "convene/io/event_file.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "convene/domain/event_times.hpp"
#include "convene/domain/limits.hpp"
#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"

namespace convene::io {

namespace {

// The keys each table may hold (convene-event-file(5)); anything else is rejected.
constexpr std::array<std::string_view, 19> k_event_keys{
    "title",     "slug",       "description", "timezone", "start",  "end",
    "duration",  "date",       "end-date",    "venue",    "online", "registration-url",
    "languages", "organisers", "parent",      "capacity", "status", "agenda",
    "locale"};
constexpr std::array<std::string_view, 7> k_item_keys{"title",    "description", "kind",  "start",
                                                      "duration", "speakers",    "points"};
constexpr std::array<std::string_view, 3> k_speaker_keys{"name", "role", "organisation"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Reads one file; every message names it, the line and the key.
class Reader {
public:
    explicit Reader(std::string name) : m_name(std::move(name)) {}

    [[noreturn]] void fail(const toml::node& node, std::string_view key, std::string_view what,
                           std::string hint = {}) const {
        throw BadInputError(
            fmt::format("{}:{}: {}: {}", m_name, node.source().begin.line, key, what),
            std::move(hint));
    }

    // A domain problem, said of the key it names in `table` (or of the file when the key is
    // not there), prefixed like the table's keys ("agenda[2].").
    [[noreturn]] void fail(const toml::table& table, const domain::Problem& problem,
                           std::string_view prefix = {}) const {
        if (const auto* node = problem.field.empty() ? nullptr : table.get(problem.field)) {
            fail(*node, fmt::format("{}{}", prefix, problem.field), problem.message, problem.hint);
        }
        throw BadInputError(fmt::format("{}: {}", m_name, problem.message), problem.hint);
    }
    std::string where(const toml::node& node) const {
        return fmt::format("{}:{}", m_name, node.source().begin.line);
    }

    // The value a domain rule made of this node's text, or its problem said of `key`.
    template <typename T>
    T checked(const toml::node& node, std::string_view key, domain::Checked<T> result) const {
        if (!result) fail(node, key, result.problem().message, result.problem().hint);
        return *std::move(result);
    }

    template <std::size_t N>
    void reject_unknown(const toml::table& table, const std::array<std::string_view, N>& keys,
                        std::string_view prefix) const {
        for (const auto& [name, node] : table) {
            if (contains(keys, name.str())) continue;
            fail(node, fmt::format("{}{}", prefix, name.str()), "unknown key");
        }
    }

    std::string string(const toml::node& node, std::string_view key) const {
        const auto* value = node.as_string();
        if (!value) fail(node, key, "expected a string");
        // Every string of the file passes here: bounded, no NUL or control characters, line
        // breaks only in descriptions.
        const bool long_text = key.ends_with("description");
        const bool is_url = key == "online" || key == "registration-url";
        if (auto problem = domain::text_problem(
                "the value", value->get(),
                long_text ? domain::k_max_long_text
                          : (is_url ? domain::k_max_url : domain::k_max_short_text),
                long_text ? domain::TextKind::markdown : domain::TextKind::line)) {
            fail(node, key, *problem);
        }
        return value->get();
    }

    std::vector<std::string> strings(const toml::node& node, std::string_view key) const {
        const auto* array = node.as_array();
        if (!array) fail(node, key, "expected an array of strings");
        std::vector<std::string> values;
        for (const auto& element : *array) values.push_back(string(element, key));
        return values;
    }

    // A time may be written as a TOML date, time or date-time, or as the text the flags take.
    std::string time_text(const toml::node& node, std::string_view key) const {
        if (const auto* text = node.as_string()) return text->get();
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

    EventFile read(const toml::table& root, const std::string& default_zone) const;

private:
    void read_times(const toml::table& root, domain::Event& event,
                    const std::string& default_zone) const;
    domain::AgendaItem read_item(const toml::table& table, const std::string& prefix,
                                 const domain::Event& event) const;

    std::string m_name;
};

void Reader::read_times(const toml::table& root, domain::Event& event,
                        const std::string& default_zone) const {
    domain::TimeInput input;
    const auto take = [&](std::string_view key, std::optional<std::string>& field) {
        if (const auto* node = root.get(key)) {
            field =
                key == "timezone" || key == "duration" ? string(*node, key) : time_text(*node, key);
        }
    };
    take("start", input.start);
    take("end", input.end);
    take("duration", input.duration);
    take("date", input.date);
    take("end-date", input.end_date);
    take("timezone", input.timezone);
    if (auto problem = domain::apply_times(input, event, default_zone)) fail(root, *problem);
}

domain::AgendaItem Reader::read_item(const toml::table& table, const std::string& prefix,
                                     const domain::Event& event) const {
    reject_unknown(table, k_item_keys, prefix);
    const auto key = [&](std::string_view name) { return prefix + std::string(name); };
    domain::AgendaItem item;
    const auto* title = table.get("title");
    if (!title) fail(table, prefix.substr(0, prefix.size() - 1), "an agenda item needs a title");
    item.title = string(*title, key("title"));
    if (item.title.empty()) fail(*title, key("title"), "must not be empty");
    if (const auto* node = table.get("description")) {
        item.description = string(*node, key("description"));
    }
    if (const auto* node = table.get("kind")) {
        item.kind =
            checked(*node, key("kind"), domain::parse_agenda_kind(string(*node, key("kind"))));
    }
    if (const auto* node = table.get("start")) {
        item.start = checked(*node, key("start"),
                             domain::parse_item_start(time_text(*node, key("start")), event));
    }
    if (const auto* node = table.get("duration")) {
        item.duration =
            checked(*node, key("duration"), domain::parse_duration(string(*node, key("duration"))));
    }
    if (const auto* node = table.get("speakers")) {
        const auto* speakers = node->as_array();
        if (!speakers)
            fail(*node, key("speakers"), "expected an array of tables ([[agenda.speakers]])");
        for (std::size_t i = 0; i < speakers->size(); ++i) {
            const auto& element = (*speakers)[i];
            const std::string at = fmt::format("{}speakers[{}]", prefix, i + 1);
            const auto* fields = element.as_table();
            if (!fields) fail(element, at, "expected a table with name, role, organisation");
            reject_unknown(*fields, k_speaker_keys, at + ".");
            domain::Speaker speaker;
            const auto get = [&](std::string_view name) {
                const auto* field = fields->get(name);
                return field ? string(*field, at + "." + std::string(name)) : std::string();
            };
            speaker.name = get("name");
            speaker.role = get("role");
            speaker.organisation = get("organisation");
            if (speaker.name.empty()) fail(element, at + ".name", "a speaker needs a name");
            item.speakers.push_back(std::move(speaker));
        }
    }
    if (const auto* node = table.get("points")) {
        item.points = strings(*node, key("points"));
        for (const auto& point : item.points) {
            if (point.empty()) fail(*node, key("points"), "a point must not be empty");
        }
    }
    return item;
}

EventFile Reader::read(const toml::table& root, const std::string& default_zone) const {
    reject_unknown(root, k_event_keys, "");
    EventFile file;
    auto& event = file.event;
    const auto text = [&](std::string_view key, std::string& field) {
        if (const auto* node = root.get(key)) field = string(*node, key);
    };
    const auto url = [&](std::string_view key, std::string& field) {
        text(key, field);
        if (!field.empty() && !domain::is_url(field)) {
            fail(*root.get(key), key, fmt::format("'{}' is not a URL", field));
        }
    };

    const auto* title = root.get("title");
    if (!title) throw BadInputError(fmt::format("{}: the event needs a title", m_name));
    text("title", event.title);
    if (event.title.empty()) fail(*title, "title", "must not be empty");
    if (const auto* node = root.get("slug")) {
        event.slug = string(*node, "slug");
        if (auto problem = domain::check_slug(event.slug)) fail(root, *problem);
    } else {
        event.slug = domain::slugify(event.title);
    }
    text("description", event.description);
    read_times(root, event, default_zone);
    text("venue", event.venue);
    url("online", event.online_url);
    url("registration-url", event.registration_url);
    if (const auto* node = root.get("languages")) {
        event.languages = strings(*node, "languages");
        if (auto problem = domain::check_languages(event.languages)) fail(root, *problem);
    }
    if (const auto* node = root.get("locale")) {
        event.locale = checked(*node, "locale", domain::parse_locale(string(*node, "locale")));
        file.has_locale = true;
    }
    if (const auto* node = root.get("organisers")) event.organisers = strings(*node, "organisers");
    if (const auto* node = root.get("parent")) {
        if (const auto* id = node->as_integer()) {
            file.parent = std::to_string(id->get());
        } else {
            file.parent = string(*node, "parent");
        }
        file.parent_where = where(*node);
    }
    if (const auto* node = root.get("capacity")) {
        const auto* capacity = node->as_integer();
        if (!capacity) fail(*node, "capacity", "expected an integer");
        if (capacity->get() < 0) fail(*node, "capacity", "must be zero or more");
        if (capacity->get() > domain::k_max_capacity) {
            fail(*node, "capacity", fmt::format("must be at most {}", domain::k_max_capacity));
        }
        event.capacity = capacity->get();
    }
    if (const auto* node = root.get("status")) {
        event.status =
            checked(*node, "status", domain::parse_event_status(string(*node, "status")));
        if (event.status == domain::EventStatus::cancelled) {
            fail(*node, "status", "use 'convene cancel-event' to cancel an event");
        }
    }
    if (const auto* node = root.get("agenda")) {
        const auto* items = node->as_array();
        if (!items) fail(*node, "agenda", "expected an array of tables ([[agenda]])");
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto& element = (*items)[i];
            const std::string prefix = fmt::format("agenda[{}].", i + 1);
            const auto* table = element.as_table();
            if (!table) fail(element, prefix.substr(0, prefix.size() - 1), "expected a table");
            auto item = read_item(*table, prefix, event);
            item.position = static_cast<int>(i) + 1;
            file.agenda.push_back(std::move(item));
        }
    }
    if (auto problem = domain::validate(event)) fail(root, *problem);
    return file;
}

}  // namespace

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

EventFile parse_event_file(std::string_view text, const std::string& name,
                           const std::string& default_zone) {
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
    return Reader(name).read(root, default_zone);
}

EventFile read_event_file(const std::string& path, const std::string& default_zone) {
    InputFile input(path);
    // One byte more than allowed is enough to tell that the file is too large (/dev/zero).
    std::string text(domain::k_max_event_file_bytes + 1, '\0');
    input.stream().read(text.data(), static_cast<std::streamsize>(text.size()));
    if (input.stream().bad())
        throw BadInputError(fmt::format("{}: read error", display_name(path)));
    text.resize(static_cast<std::size_t>(input.stream().gcount()));
    return parse_event_file(text, display_name(path), default_zone);
}

}  // namespace convene::io
