#include "help_formatter.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace convene::cli {

namespace {

// CLI11 compares group names without case; convene's are "Subcommands" and "" (hidden).
bool same_group(const std::string& a, const std::string& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

}  // namespace

bool HelpFormatter::lists_unbuilt(const CLI::App* app) const {
    return !m_unbuilt.empty() && app->get_parent() == nullptr && app->get_subcommands({}).empty();
}

// CLI11 ends the usage with SUBCOMMAND when the command has some and requires one.
std::string HelpFormatter::make_usage(const CLI::App* app, std::string name) const {
    auto usage = CLI::Formatter::make_usage(app, std::move(name));
    if (lists_unbuilt(app) && usage.ends_with('\n')) usage.insert(usage.size() - 1, " SUBCOMMAND");
    return usage;
}

std::string HelpFormatter::make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const {
    if (lists_unbuilt(app)) {
        std::string out = "\nSubcommands:\n";
        for (const auto& command : m_unbuilt) out += line(command.name, command.description);
        return out;
    }
    const auto subcommands = app->get_subcommands({});
    // Option groups (unnamed subcommands) and --help-all keep CLI11's own layout.
    const bool plain = mode != CLI::AppFormatMode::All &&
                       std::none_of(subcommands.begin(), subcommands.end(),
                                    [](const CLI::App* sub) { return sub->get_name().empty(); });
    if (!plain) return CLI::Formatter::make_subcommands(app, mode);

    // Groups in the order first seen, each with its commands in the order they were added.
    std::vector<const std::string*> groups;
    for (const auto* sub : subcommands) {
        const auto& group = sub->get_group();
        if (group.empty()) continue;
        if (std::none_of(groups.begin(), groups.end(),
                         [&](const std::string* seen) { return same_group(*seen, group); }))
            groups.push_back(&group);
    }
    std::string out;
    for (const auto* group : groups) {
        out += '\n';
        out += *group;
        out += ":\n";
        for (const auto* sub : subcommands)
            if (same_group(sub->get_group(), *group)) out += make_subcommand(sub);
    }
    return out;
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
    return line(sub->get_display_name(true), sub->get_description());
}

// As CLI11's detail::format_help: the name indented by two and padded to the column, the
// description after it (on the next line when the name is too long), its own lines indented
// to the column.
std::string HelpFormatter::line(std::string_view name, std::string_view description) const {
    const std::size_t width = get_column_width();
    std::string out = "  ";
    out += name;
    if (out.size() < width) {
        out.append(width - out.size(), ' ');
    } else if (!description.empty()) {
        out += '\n';
        out.append(width, ' ');
    }
    for (const char c : description) {
        out += c;
        if (c == '\n') out.append(width, ' ');
    }
    out += '\n';
    return out;
}

}  // namespace convene::cli
