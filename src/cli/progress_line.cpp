#include "progress_line.hpp"

#include <ostream>

#include <fmt/format.h>

namespace convene::cli {

namespace {
// Often enough to look alive, rarely enough to cost nothing next to the work itself.
constexpr std::size_t k_every = 1'000;
}  // namespace

ProgressLine::ProgressLine(Context& context, std::string_view unit)
    : m_err(context.stderr_is_terminal() && !context.options().quiet ? &context.err() : nullptr),
      m_unit(unit) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(std::size_t done) {
    if (!m_err || done % k_every != 0) return;
    *m_err << fmt::format("\rconvene: {} {}…", done, m_unit) << std::flush;
    m_shown = true;
}

void ProgressLine::clear() {
    if (!m_shown) return;
    *m_err << "\r\033[K" << std::flush;
    m_shown = false;
}

}  // namespace convene::cli
