#pragma once
// CLI11's help with convene's words for arguments: a positional shows as its name ("EVENT",
// "[EVENT]", "EVENT..."), not as "EVENT TEXT REQUIRED" or "EVENT EMAIL(1x)". Options keep their
// value placeholders (--name TEXT), which say that a value follows.
#include <string>

#include <CLI/CLI.hpp>

namespace convene::cli {

class HelpFormatter : public CLI::Formatter {
public:
    std::string make_option_usage(const CLI::Option* opt) const override {
        std::string usage = opt->get_name(true, false);
        if (opt->get_expected_max() >= CLI::detail::expected_max_vector_size) usage += "...";
        return opt->get_required() ? usage : "[" + usage + "]";
    }

    std::string make_option_opts(const CLI::Option* opt) const override {
        return opt->get_positional() ? std::string() : CLI::Formatter::make_option_opts(opt);
    }
};

}  // namespace convene::cli
