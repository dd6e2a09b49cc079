#include "postgres_location.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/error.hpp"

namespace convene::store {

namespace {

// libpq's connection keywords (PostgreSQL 15's PQconndefaults), each between blanks.
constexpr std::string_view k_keywords =
    " host hostaddr port dbname user password passfile channel_binding connect_timeout"
    " client_encoding options application_name fallback_application_name keepalives"
    " keepalives_idle keepalives_interval keepalives_count tcp_user_timeout replication"
    " gssencmode sslmode requiressl sslcompression sslcert sslkey sslpassword sslrootcert sslcrl"
    " sslcrldir sslsni requirepeer ssl_min_protocol_version ssl_max_protocol_version krbsrvname"
    " gsslib gssdelegation service target_session_attrs load_balance_hosts ";

bool is_secret_keyword(std::string_view keyword) {
    return keyword == "password" || keyword == "sslpassword";
}

bool is_url(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The keyword a keyword/value string starts with ("host" in "host=db dbname=x"), if it does.
std::string_view first_keyword(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && is_space(text[i])) ++i;
    const auto start = i;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '_')) ++i;
    const auto keyword = text.substr(start, i - start);
    while (i < text.size() && is_space(text[i])) ++i;
    if (keyword.empty() || i >= text.size() || text[i] != '=') return {};
    return keyword;
}

[[noreturn]] void malformed(std::string_view location, std::string_view why) {
    throw UsageError(
        fmt::format("the PostgreSQL location {} is malformed: {}", shown_location(location), why),
        "percent-encode special characters of a URL's user and password (/ is %2F, "
        "@ is %40, : is %3A), or give host=… dbname=… user=… instead");
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding as libpq does it; nothing of the text is quoted when it fails.
std::string decoded(std::string_view location, std::string_view text, std::string_view part) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (high < 0 || low < 0) {
            malformed(location,
                      fmt::format("a '%' in the {} is not followed by two hex digits", part));
        }
        if (high == 0 && low == 0) malformed(location, fmt::format("the {} holds %00", part));
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Hosts {
    std::string hosts;
    std::string ports;
};

// host[:port] or [ipv6][:port], comma-separated.
Hosts parse_hosts(std::string_view location, std::string_view spec) {
    Hosts out;
    bool any_port = false;
    for (std::size_t i = 0;;) {
        std::string_view host;
        std::size_t after = 0;
        if (i < spec.size() && spec[i] == '[') {
            const auto close = spec.find(']', i);
            if (close == std::string_view::npos) {
                malformed(location, "an IPv6 address has no closing ']'");
            }
            host = spec.substr(i + 1, close - i - 1);
            if (host.empty()) malformed(location, "an IPv6 address between [ ] is empty");
            after = close + 1;
        } else {
            after = std::min(spec.find_first_of(":,", i), spec.size());
            host = spec.substr(i, after - i);
        }
        std::string_view port;
        if (after < spec.size() && spec[after] == ':') {
            const auto port_end = std::min(spec.find(',', after), spec.size());
            port = spec.substr(after + 1, port_end - after - 1);
            if (!all_digits(port)) malformed(location, "a port is not a number");
            any_port = true;
            after = port_end;
        } else if (after < spec.size() && spec[after] != ',') {
            malformed(location, "unexpected text after a host (expected ':' or ',')");
        }
        if (i > 0) {
            out.hosts += ',';
            out.ports += ',';
        }
        out.hosts += decoded(location, host, "host");
        out.ports += port;
        if (after >= spec.size()) break;
        i = after + 1;
    }
    if (!any_port) out.ports.clear();
    return out;
}

void add(PostgresLocation& out, std::string keyword, std::string value) {
    if (is_secret_keyword(keyword) && !value.empty()) out.secrets.push_back(value);
    out.options.emplace_back(std::move(keyword), std::move(value));
}

void parse_query(std::string_view location, std::string_view query, PostgresLocation& out) {
    for (std::size_t start = 0; start < query.size();) {
        const auto end = std::min(query.find('&', start), query.size());
        const auto pair = query.substr(start, end - start);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos ||
            pair.find('=', equals + 1) != std::string_view::npos) {
            malformed(location, "a query parameter is not one key=value");
        }
        auto key = decoded(location, pair.substr(0, equals), "query");
        auto value = decoded(location, pair.substr(equals + 1), "query");
        // libpq's one alias: ssl=true is sslmode=require.
        if (key == "ssl" && value == "true") {
            key = "sslmode";
            value = "require";
        }
        if (is_secret_keyword(key)) out.secrets.emplace_back(pair.substr(equals + 1));
        add(out, std::move(key), std::move(value));
        start = end + 1;
    }
}

PostgresLocation parse_url(std::string_view location) {
    PostgresLocation out;
    out.shown = shown_location(location);
    const auto rest = location.substr(location.find("://") + 3);
    const auto query_at = std::min(rest.find('?'), rest.size());
    const auto head = rest.substr(0, query_at);
    const auto at = head.rfind('@');
    std::string_view authority_and_path = head;
    if (at != std::string_view::npos) {
        const auto userinfo = head.substr(0, at);
        if (userinfo.find(':') != std::string_view::npos) out.secrets.emplace_back(userinfo);
        if (userinfo.find('/') != std::string_view::npos) {
            malformed(location, "the user or password holds an unencoded '/'");
        }
        const auto colon = userinfo.find(':');
        add(out, "user", decoded(location, userinfo.substr(0, colon), "user"));
        if (colon != std::string_view::npos) {
            const auto password = userinfo.substr(colon + 1);
            out.secrets.emplace_back(password);
            add(out, "password", decoded(location, password, "password"));
        }
        authority_and_path = head.substr(at + 1);
    } else if (const auto late_at = rest.find('@', query_at);
               late_at != std::string_view::npos &&
               rest.substr(query_at, late_at - query_at).find('=') == std::string_view::npos) {
        // "user:pa?ss@host": a '?' in the password ends the host part too early (an '@' in a
        // query parameter's value, "?user=anna@corp", comes after its '=').
        malformed(location, "the user or password holds an unencoded '?'");
    }
    const auto slash = std::min(authority_and_path.find('/'), authority_and_path.size());
    const auto hosts = parse_hosts(location, authority_and_path.substr(0, slash));
    if (!hosts.hosts.empty() && hosts.hosts != std::string(hosts.hosts.size(), ',')) {
        add(out, "host", hosts.hosts);
    }
    if (!hosts.ports.empty()) add(out, "port", hosts.ports);
    if (slash < authority_and_path.size()) {
        const auto dbname = authority_and_path.substr(slash + 1);
        if (!dbname.empty()) add(out, "dbname", decoded(location, dbname, "database name"));
    }
    // After the user and password: a query parameter may override them, as with libpq.
    if (query_at < rest.size()) parse_query(location, rest.substr(query_at + 1), out);
    return out;
}

// One value of a keyword/value string: single-quoted (with \' and \\) or up to a blank.
std::string conninfo_value(std::string_view location, std::string_view text, std::size_t& i) {
    std::string value;
    if (i < text.size() && text[i] == '\'') {
        for (++i; i < text.size() && text[i] != '\''; ++i) {
            if (text[i] == '\\' && i + 1 < text.size()) ++i;
            value += text[i];
        }
        if (i >= text.size()) malformed(location, "a quoted value has no closing quote");
        ++i;
        return value;
    }
    for (; i < text.size() && !is_space(text[i]); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i];
    }
    return value;
}

PostgresLocation parse_conninfo(std::string_view location) {
    PostgresLocation out;
    std::size_t i = 0;
    while (true) {
        while (i < location.size() && is_space(location[i])) ++i;
        if (i >= location.size()) break;
        const auto start = i;
        while (i < location.size() && !is_space(location[i]) && location[i] != '=') ++i;
        std::string keyword(location.substr(start, i - start));
        while (i < location.size() && is_space(location[i])) ++i;
        if (i >= location.size() || location[i] != '=') {
            malformed(location, "a keyword has no '=' and value after it");
        }
        ++i;
        while (i < location.size() && is_space(location[i])) ++i;
        auto value = conninfo_value(location, location, i);
        if (keyword == "port" && !value.empty() &&
            value.find_first_not_of("0123456789,") != std::string::npos) {
            malformed(location, "the port is not a number");
        }
        add(out, std::move(keyword), std::move(value));
    }
    out.shown = shown_location(location);
    return out;
}

// A keyword/value string for messages: values quoted where needed, passwords hidden.
std::string shown_conninfo(std::string_view location) {
    std::string shown;
    std::size_t i = 0;
    while (true) {
        while (i < location.size() && is_space(location[i])) ++i;
        if (i >= location.size()) break;
        const auto start = i;
        while (i < location.size() && !is_space(location[i]) && location[i] != '=') ++i;
        const auto keyword = location.substr(start, i - start);
        while (i < location.size() && is_space(location[i])) ++i;
        if (i >= location.size() || location[i] != '=') {
            shown += shown.empty() ? "…" : " …";
            break;
        }
        ++i;
        while (i < location.size() && is_space(location[i])) ++i;
        std::string value;
        try {
            value = conninfo_value({}, location, i);
        } catch (const UsageError&) {
            value = "…";
            i = location.size();
        }
        if (!shown.empty()) shown += ' ';
        const bool quote = value.empty() || value.find_first_of(" \t'\\") != std::string::npos;
        shown += fmt::format("{}={}", keyword,
                             is_secret_keyword(keyword) ? "****"
                             : quote                    ? "'" + value + "'"
                                                        : value);
    }
    return shown;
}

}  // namespace

bool is_postgres_location(std::string_view location) {
    if (is_url(location)) return true;
    const auto keyword = first_keyword(location);
    if (keyword.empty()) return false;
    std::string word(1, ' ');
    word.append(keyword).push_back(' ');
    return k_keywords.find(word) != std::string_view::npos;
}

std::optional<std::string> PostgresLocation::value(std::string_view keyword) const {
    std::optional<std::string> found;
    for (const auto& [key, value] : options) {
        if (key == keyword) found = value;
    }
    return found;
}

PostgresLocation parse_postgres_location(std::string_view location) {
    auto parsed = is_url(location) ? parse_url(location) : parse_conninfo(location);
    // Longest first, so that a password is hidden whole before any part of it.
    auto& secrets = parsed.secrets;
    secrets.erase(std::remove(secrets.begin(), secrets.end(), std::string()), secrets.end());
    std::sort(secrets.begin(), secrets.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return parsed;
}

std::string shown_location(std::string_view location) {
    if (!is_url(location)) return shown_conninfo(location);
    const auto scheme_end = location.find("://") + 3;
    std::string shown(location.substr(0, scheme_end));
    const auto rest = location.substr(scheme_end);
    // Everything up to the last '@' may be a user and password, however malformed; unless
    // that '@' is in a query parameter's value ("?user=anna@corp").
    auto at = rest.rfind('@');
    if (const auto query = rest.find('?');
        at != std::string_view::npos && query != std::string_view::npos && query < at &&
        rest.substr(query, at - query).find('=') != std::string_view::npos) {
        at = rest.substr(0, query).rfind('@');
    }
    std::string_view after = rest;
    if (at != std::string_view::npos) {
        const auto userinfo = rest.substr(0, at);
        const auto colon = userinfo.find(':');
        const bool plain_user =
            colon != std::string_view::npos &&
            userinfo.substr(0, colon).find_first_of("/?") == std::string_view::npos;
        shown += plain_user ? std::string(userinfo.substr(0, colon)) + ":****@"
                 : colon == std::string_view::npos &&
                         userinfo.find_first_of("/?") == std::string_view::npos
                     ? std::string(userinfo) + "@"
                     : std::string("****@");
        after = rest.substr(at + 1);
    }
    // A password may also come as a query parameter.
    std::string tail(after);
    if (const auto query = tail.find('?'); query != std::string::npos) {
        for (auto key = tail.find("password=", query); key != std::string::npos;
             key = tail.find("password=", key + 1)) {
            // password= and sslpassword= alike.
            if (tail[key - 1] != '?' && tail[key - 1] != '&' && tail[key - 1] != 'l') continue;
            const auto value = key + 9;
            const auto end = tail.find('&', value);
            tail.replace(value, end == std::string::npos ? std::string::npos : end - value, "****");
        }
    }
    return shown + tail;
}

std::string scrubbed(std::string message, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        // Shorter ones would blank out ordinary words; libpq never quotes a password anyway,
        // this is the net under what it might.
        if (secret.size() < 3) continue;
        for (auto at = message.find(secret); at != std::string::npos;
             at = message.find(secret, at + 4)) {
            message.replace(at, secret.size(), "****");
        }
    }
    return message;
}

}  // namespace convene::store
