#pragma once
// What a domain rule says when a value breaks it. The domain speaks no command line and knows
// no exit codes: it names the field a problem concerns ("end", "timezone", "agenda.start") and
// each adapter words it for its audience — the flags as `--end: …` (exit 2), an event file as
// `FILE:LINE: end: …` (exit 5), an imported row as `FILE:LINE: …`.
#include <string>
#include <utility>
#include <variant>

namespace convene::domain {

struct Problem {
    std::string field;    // the field concerned, as event files name it; "" for the whole value
    std::string message;  // what is wrong, for people, without the field's name
    std::string hint;     // how to put it right, in words that fit every adapter; may be empty
    // The value names something that is not there (a parent event): "not found" (exit 3)
    // whoever gave it, where any other problem is a value the rules refuse.
    bool not_found{false};

    // The same problem, said of `name` when the rule that found it did not know the field.
    Problem about(std::string name) && {
        if (field.empty()) field = std::move(name);
        return std::move(*this);
    }
};

// A value, or the problem that kept a rule from producing it (an `expected`, which C++20 lacks).
// Readers whose problems say more or less than a Problem (a header's missing field, a row's
// one line of text) give their own E.
template <typename T, typename E = Problem>
class Checked {
public:
    Checked(T value) : m_result(std::in_place_index<0>, std::move(value)) {}
    Checked(E problem) : m_result(std::in_place_index<1>, std::move(problem)) {}

    bool ok() const { return m_result.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& operator*() const& { return std::get<0>(m_result); }
    T&& operator*() && { return std::get<0>(std::move(m_result)); }
    const T* operator->() const { return &std::get<0>(m_result); }
    const E& problem() const { return std::get<1>(m_result); }

private:
    std::variant<T, E> m_result;
};

}  // namespace convene::domain
