#include "help_formatter.hpp"

namespace convene::cli {

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
    return CLI::Formatter::make_subcommands(app, mode);
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
