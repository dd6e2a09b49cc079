// convene help [COMMAND…]: the same text as `convene [COMMAND…] --help`. The usual spelling is
// rewritten to --help before parsing (expand_help); this runs when global options come first.
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/error.hpp"
#include "parse_errors.hpp"

namespace convene::cli {

Runner add_help(CLI::App& command) {
    auto words = std::make_shared<std::vector<std::string>>();
    command.add_option("COMMAND", *words, "A command, e.g. register or list events");
    const CLI::App* root = command.get_parent();
    return [root, words](Context& context) {
        // expand_help throws the usage error, with a suggestion, for an unknown word.
        auto expanded = expand_help(*root, [&] {
            std::vector<std::string> all{"help"};
            all.insert(all.end(), words->begin(), words->end());
            return all;
        }());
        expanded.pop_back();  // "--help"
        const auto* target = find_command(*root, expanded);
        context.out() << (target == root ? root->help()
                                         : target->help(command_path(*target->get_parent())));
    };
}

}  // namespace convene::cli
