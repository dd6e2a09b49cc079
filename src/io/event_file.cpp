#include "convene/io/event_file.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "convene/io/input.hpp"
#include "convene/l10n/locale.hpp"

namespace convene::io {

namespace {

// The keys each table may hold (convene-event-file(5)); anything else is rejected.
constexpr std::array<std::string_view, 19> k_event_keys{
    "title",    "slug",      "description", "timezone",   "start",   "end",
    "duration", "date",      "end-date",    "venue",      "online",  "registration-url",
    "languages", "organisers", "parent",    "capacity",   "status",  "agenda",
    "locale"};
constexpr std::array<std::string_view, 7> k_item_keys{"title", "description", "kind", "start",
                                                      "duration", "speakers", "points"};
constexpr std::array<std::string_view, 3> k_speaker_keys{"name", "role", "organisation"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Reads one file; every message names it, the line and the key.
class Reader {
public:
    explicit Reader(std::string name) : m_name(std::move(name)) {}

    [[noreturn]] void fail(const toml::node& node, std::string_view key,
                           std::string_view what) const {
        throw BadInputError(fmt::format("{}:{}: {}: {}", m_name, node.source().begin.line, key, what));
    }
    std::string where(const toml::node& node) const {
        return fmt::format("{}:{}", m_name, node.source().begin.line);
    }

    // Runs a conversion that reports bad values as UsageError (the rules the flags share) and
    // re-reports them against this file's line and key.
    template <typename Convert>
    auto checked(const toml::node& node, std::string_view key, Convert convert) const {
        try {
            return convert();
        } catch (const UsageError& e) {
            fail(node, key, e.what());
        }
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
        if (const auto* value = node.as_string()) return value->get();
        fail(node, key, "expected a string");
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
    const auto* zone_node = root.get("timezone");
    event.timezone = zone_node ? string(*zone_node, "timezone") : default_zone;
    const auto& zone = *checked(zone_node ? *zone_node : static_cast<const toml::node&>(root),
                                "timezone", [&] { return &domain::find_zone(event.timezone); });

    const auto* start = root.get("start");
    const auto* end = root.get("end");
    const auto* duration = root.get("duration");
    const auto* day = root.get("date");
    const auto* end_day = root.get("end-date");
    if ((start || end || duration) && (day || end_day)) {
        fail(day ? *day : *end_day, day ? "date" : "end-date",
             "give either start/end/duration or date/end-date, not both");
    }
    if (day || end_day) {
        if (!day) fail(*end_day, "end-date", "needs date, the first day");
        event.all_day = true;
        event.start_date = checked(*day, "date", [&] {
            return domain::parse_date(time_text(*day, "date"));
        });
        event.end_date = !end_day ? event.start_date : checked(*end_day, "end-date", [&] {
            return domain::parse_date(time_text(*end_day, "end-date"));
        });
        if (event.end_date < event.start_date) {
            fail(*end_day, "end-date", "the end date is before the start date");
        }
        return;
    }
    if (!start) {
        throw BadInputError(fmt::format("{}: the event needs a time", m_name),
                            "give start and end (or duration), or date for an all-day event");
    }
    if (end && duration) fail(*duration, "duration", "give end or duration, not both");
    if (!end && !duration) fail(*start, "start", "the event needs an end: give end or duration");
    event.start = checked(*start, "start", [&] {
        return domain::parse_instant(time_text(*start, "start"), zone);
    });
    if (end) {
        event.end = checked(*end, "end", [&] {
            return domain::parse_end(time_text(*end, "end"), event.start, zone);
        });
        if (event.end <= event.start) fail(*end, "end", "the end is not after the start");
    } else {
        event.end = event.start + checked(*duration, "duration", [&] {
            return domain::parse_duration(string(*duration, "duration"));
        });
    }
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
        item.kind = checked(*node, key("kind"),
                            [&] { return domain::parse_agenda_kind(string(*node, key("kind"))); });
    }
    if (const auto* node = table.get("start")) {
        item.start = checked(*node, key("start"), [&] {
            return domain::parse_item_start(time_text(*node, key("start")), event);
        });
    }
    if (const auto* node = table.get("duration")) {
        item.duration = checked(*node, key("duration"), [&] {
            return domain::parse_duration(string(*node, key("duration")));
        });
    }
    if (const auto* node = table.get("speakers")) {
        const auto* speakers = node->as_array();
        if (!speakers) fail(*node, key("speakers"), "expected an array of tables ([[agenda.speakers]])");
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
        if (!domain::is_valid_slug(event.slug)) {
            fail(*node, "slug", fmt::format("invalid slug '{}' (a-z, 0-9 and '-', not only digits)",
                                            event.slug));
        }
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
        for (const auto& tag : event.languages) {
            if (!domain::is_language_tag(tag)) {
                fail(*node, "languages", fmt::format("'{}' is not a language tag", tag));
            }
        }
    }
    if (const auto* node = root.get("locale")) {
        const auto tag = string(*node, "locale");
        event.locale = l10n::supported_locale(tag);
        if (event.locale.empty()) {
            fail(*node, "locale",
                 fmt::format("convene does not write in '{}' (en, fr or es)", tag));
        }
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
        event.capacity = capacity->get();
    }
    if (const auto* node = root.get("status")) {
        event.status = checked(*node, "status", [&] {
            return domain::parse_event_status(string(*node, "status"));
        });
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
    return file;
}

}  // namespace

EventFile parse_event_file(std::string_view text, const std::string& name,
                           const std::string& default_zone) {
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
    std::ostringstream text;
    text << input.stream().rdbuf();
    return parse_event_file(text.str(), display_name(path), default_zone);
}

}  // namespace convene::io
