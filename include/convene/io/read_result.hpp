#pragma once
// A value a reader produced, or what kept it from producing it, for readers whose problems say
// more (or less) than a domain::Problem: a header's missing field, a row's one line of text.
#include <utility>
#include <variant>

namespace convene::io {

template <typename T, typename E>
class ReadResult {
public:
    ReadResult(T value) : m_result(std::in_place_index<0>, std::move(value)) {}
    ReadResult(E problem) : m_result(std::in_place_index<1>, std::move(problem)) {}

    bool ok() const { return m_result.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& operator*() const& { return std::get<0>(m_result); }
    T&& operator*() && { return std::get<0>(std::move(m_result)); }
    const T* operator->() const { return &std::get<0>(m_result); }
    const E& problem() const { return std::get<1>(m_result); }

private:
    std::variant<T, E> m_result;
};

}  // namespace convene::io
