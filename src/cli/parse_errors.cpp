#include "parse_errors.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/text/suggest.hpp"

namespace convene::cli {

namespace {

// The deepest subcommand the words reached.
CLI::App* reached(CLI::App& app) {
    CLI::App* at = &app;
    while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
    return at;
}

std::string see_help(const CLI::App& app) {
    return fmt::format("see '{} --help'", command_path(app));
}

std::string hint_or_help(std::string hint, const CLI::App& app) {
    return hint.empty() ? see_help(app) : hint;
}

}  // namespace

std::string command_path(const CLI::App& app) {
    std::string path = app.get_name();
    for (auto* up = app.get_parent(); up != nullptr; up = up->get_parent()) {
        path = up->get_name() + " " + path;
    }
    return path;
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (!sub->get_group().empty()) names.push_back(sub->get_name());
    }
    return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* at = &app; at != nullptr; at = at->get_parent()) {
        for (const auto* option : at->get_options()) {
            if (option->get_group().empty()) continue;
            for (const auto& name : option->get_lnames()) names.push_back("--" + name);
            for (const auto& name : option->get_snames()) names.push_back("-" + name);
        }
    }
    return names;
}

const CLI::App* find_command(const CLI::App& app, const std::vector<std::string>& words) {
    const CLI::App* at = &app;
    for (const auto& word : words) {
        const auto names = command_names(*at);
        if (std::find(names.begin(), names.end(), word) == names.end()) return nullptr;
        at = at->get_subcommand(word);
    }
    return at;
}

std::vector<std::string> expand_help(const CLI::App& app, std::vector<std::string> words) {
    if (words.empty()) return {"--help"};
    if (words.front() != "help") return words;
    words.erase(words.begin());
    // `help --help` asks how to use help: the general help says.
    std::erase_if(words, [](const std::string& word) { return word == "--help" || word == "-h"; });
    const CLI::App* at = &app;
    for (const auto& word : words) {
        const auto names = command_names(*at);
        if (std::find(names.begin(), names.end(), word) == names.end()) {
            throw UsageError(fmt::format("unknown command '{}'", command_path(*at) == "convene"
                                                                     ? word
                                                                     : at->get_name() + " " + word),
                             hint_or_help(text::did_you_mean(word, names), *at));
        }
        at = at->get_subcommand(word);
    }
    words.push_back("--help");
    return words;
}

ParseProblem explain(CLI::App& app, const CLI::ParseError& error) {
    CLI::App* at = reached(app);
    const auto leftover = app.remaining(true);
    const bool has_subcommands = !command_names(*at).empty();
    if (!leftover.empty()) {
        const auto& first = leftover.front();
        // Where a command name is expected, a word that is not one is the mistake, and the
        // options after it belong to the command meant.
        if (has_subcommands && !first.starts_with('-')) {
            const auto what =
                at == &app ? fmt::format("unknown command '{}'", first)
                           : fmt::format("'{}' has no subcommand '{}'", command_path(*at), first);
            return {what, hint_or_help(text::did_you_mean(first, command_names(*at)), *at)};
        }
        // An unknown option explains the words after it (its value); name it first.
        const auto option = std::find_if(leftover.begin(), leftover.end(), [](const auto& w) {
            return w.starts_with('-') && w.size() > 1;
        });
        if (option != leftover.end()) {
            const auto name = option->substr(0, option->find('='));
            const auto path = command_path(*at);
            const auto where = at == &app ? std::string() : " for '" + path.substr(8) + "'";
            return {fmt::format("unknown option '{}'{}", name, where),
                    hint_or_help(text::did_you_mean(name, option_names(*at)), *at)};
        }
    } else if (has_subcommands && at != &app) {
        return {fmt::format("'{}' needs one of: {}", command_path(*at),
                            fmt::join(command_names(*at), ", ")),
                see_help(*at)};
    } else if (has_subcommands) {
        // Global options alone (`convene --db FILE`): CLI11 would say "A subcommand is required".
        return {"no command given", see_help(*at)};
    }
    return {error.what(), see_help(*at)};
}

}  // namespace convene::cli
