#pragma once
// The one progress reporter of the command line: "convene: 12000 rows…" rewritten in place on
// stderr, only when stderr is a terminal and --quiet is not given, and cleared when the work
// ends, whether it succeeded (clear()) or failed (the destructor, while the error unwinds).
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "convene/app/progress.hpp"
#include "convene/cli/context.hpp"

namespace convene::cli {

class ProgressLine final : public app::Progress {
public:
    // `unit` names what is counted: "rows", "messages".
    ProgressLine(Context& context, std::string_view unit);
    ~ProgressLine() override;
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(std::size_t done) override;
    // Removes the line, so that what is printed next starts on a clean one.
    void clear();

private:
    std::ostream* m_err;  // null when nothing is shown
    std::string m_unit;
    bool m_shown{false};
};

}  // namespace convene::cli
