// convene completion bash|zsh|fish: a script that asks `convene __complete` for candidates,
// so commands, options, fixed values, time zones and event slugs all come from the binary.
#include <memory>
#include <ostream>
#include <string_view>

#include <fmt/format.h>

#include "command_setup.hpp"
#include "convene/error.hpp"

namespace convene::cli {

namespace {

// bash-completion's _init_completion keeps words whole; with no candidates, file names.
constexpr std::string_view k_bash = R"(# bash completion for convene (convene completion bash)
_convene() {
    local cur prev words cword
    _init_completion || return
    local IFS=$'\n'
    COMPREPLY=($("${words[0]}" __complete "${words[@]:1:cword}" 2>/dev/null))
    if ((${#COMPREPLY[@]} == 0)); then
        _filedir
    fi
}
complete -F _convene convene
)";

constexpr std::string_view k_zsh = R"(#compdef convene
# zsh completion for convene (convene completion zsh)
_convene() {
    local -a candidates
    candidates=("${(@f)$("${words[1]}" __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    candidates=(${candidates:#})
    if (( ${#candidates} )); then
        compadd -Q -- "${candidates[@]}"
    else
        _files
    fi
}
if [[ $funcstack[1] == _convene ]]; then
    _convene "$@"
else
    compdef _convene convene
fi
)";

constexpr std::string_view k_fish = R"(# fish completion for convene (convene completion fish)
function __convene_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l found ($words[1] __complete $words[2..-1] "$current" 2>/dev/null)
    if test (count $found) -eq 0
        __fish_complete_path "$current"
    else
        printf '%s\n' $found
    end
end
complete -c convene -f -a '(__convene_complete)'
)";

struct Options {
    std::string shell;
};

void run(const Options& options, Context& context) {
    if (options.shell == "bash") {
        context.out() << k_bash;
    } else if (options.shell == "zsh") {
        context.out() << k_zsh;
    } else if (options.shell == "fish") {
        context.out() << k_fish;
    } else {
        throw UsageError(fmt::format("no completion for shell '{}'", options.shell),
                         "use bash, zsh or fish");
    }
}

}  // namespace

Runner add_completion(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_option("SHELL", options->shell, "bash, zsh or fish")->required();
    return [options](Context& context) { run(*options, context); };
}

}  // namespace convene::cli
