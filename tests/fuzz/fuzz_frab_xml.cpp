// libFuzzer: any bytes as the titles, descriptions, speakers and rooms of a schedule, as
// another program may have stored them (no validation: invalid UTF-8, U+FFFE, control
// characters). schedule.xml is still well-formed XML 1.0: valid UTF-8, only the characters
// XML allows, every '<' and '&' part of markup or a reference, elements balanced.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/time.hpp"
#include "convene/export/frab_schedule.hpp"
#include "convene/text/utf8.hpp"

namespace {

std::vector<std::string> split(std::string_view data, std::size_t count) {
    std::vector<std::string> parts;
    while (parts.size() < count) {
        const auto cut = data.find('\xff');
        parts.emplace_back(data.substr(0, cut));
        if (cut == std::string_view::npos) break;
        data.remove_prefix(cut + 1);
    }
    parts.resize(count);
    return parts;
}

// XML 1.0's Char production, on valid UTF-8.
void check_characters(std::string_view xml) {
    if (!convene::text::is_valid_utf8(xml)) std::abort();
    for (std::size_t i = 0; i < xml.size(); ++i) {
        const auto c = static_cast<unsigned char>(xml[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') std::abort();
        if (c == 0xEF && i + 2 < xml.size() && static_cast<unsigned char>(xml[i + 1]) == 0xBF &&
            static_cast<unsigned char>(xml[i + 2]) >= 0xBE) {
            std::abort();
        }
    }
}

// Tags open and close in order; '&' starts a reference; no '<' inside text.
void check_markup(std::string_view xml) {
    std::vector<std::string_view> open;
    std::size_t i = xml.find("?>");
    if (!xml.starts_with("<?xml") || i == std::string_view::npos) std::abort();
    for (i += 2; i < xml.size(); ++i) {
        if (xml[i] == '&') {
            const auto end = xml.find(';', i);
            if (end == std::string_view::npos || end - i > 6) std::abort();
            continue;
        }
        if (xml[i] != '<') continue;
        const auto end = xml.find('>', i);
        if (end == std::string_view::npos) std::abort();
        auto tag = xml.substr(i + 1, end - i - 1);
        i = end;
        if (tag.ends_with('/')) continue;
        const bool closing = tag.starts_with('/');
        if (closing) tag.remove_prefix(1);
        const auto name = tag.substr(0, tag.find(' '));
        if (name.find_first_of("<&\"") != std::string_view::npos) std::abort();
        if (!closing) {
            open.push_back(name);
        } else if (open.empty() || open.back() != name) {
            std::abort();
        } else {
            open.pop_back();
        }
    }
    if (!open.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene;
    const auto parts = split(std::string_view(reinterpret_cast<const char*>(data), size), 6);
    domain::Event event;
    event.id = 1;
    event.uid = "fuzz@convene";
    event.slug = "fuzz";
    event.title = parts[0];
    event.description = parts[1];
    event.venue = parts[2];
    event.timezone = "Europe/Paris";
    event.start = domain::Instant{std::chrono::seconds{1'700'000'000}};
    event.end = event.start + std::chrono::hours{8};
    domain::AgendaItem item;
    item.id = 1;
    item.title = parts[3];
    item.description = parts[4];
    item.start = event.start + std::chrono::minutes{30};
    item.duration = std::chrono::minutes{45};
    item.speakers.push_back({parts[5], parts[2], parts[0]});
    const auto schedule = frab::from_agenda(event, {item});
    std::ostringstream out;
    frab::write_xml(out, schedule);
    const auto xml = out.str();
    check_characters(xml);
    check_markup(xml);
    return 0;
}
