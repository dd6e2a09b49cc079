#pragma once
// CLI11's help with convene's words for arguments: a positional shows as its name ("EVENT",
// "[EVENT]", "EVENT..."), not as "EVENT TEXT REQUIRED" or "EVENT EMAIL(1x)". Options keep their
// value placeholders (--name TEXT), which say that a value follows.
#include <span>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "convene/cli/commands.hpp"

namespace convene::cli {

class HelpFormatter : public CLI::Formatter {
public:
    // `convene --help` builds no subcommand (Commands::summary): the root lists these instead,
    // in the words CLI11 would have used for the subcommands.
    void list_unbuilt(std::span<const CommandSummary> commands) { m_unbuilt = commands; }

    std::string make_option_usage(const CLI::Option* opt) const override {
        std::string usage = opt->get_name(true, false);
        if (opt->get_expected_max() >= CLI::detail::expected_max_vector_size) usage += "...";
        return opt->get_required() ? usage : "[" + usage + "]";
    }

    std::string make_option_opts(const CLI::Option* opt) const override {
        return opt->get_positional() ? std::string() : CLI::Formatter::make_option_opts(opt);
    }

    std::string make_usage(const CLI::App* app, std::string name) const override;

    // The unbuilt commands' list, in CLI11's layout; CLI11's own for built ones.
    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override;

private:
    bool lists_unbuilt(const CLI::App* app) const;
    std::string line(std::string_view name, std::string_view description) const;

    std::span<const CommandSummary> m_unbuilt;
};

}  // namespace convene::cli
