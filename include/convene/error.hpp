#pragma once
// Typed errors: every expected failure maps to one exit code of SPEC §7.
// main() catches convene::Error once and prints "convene: error: WHAT".
#include <stdexcept>
#include <string>

namespace convene {

enum class ExitCode : int {
    ok = 0,
    bug = 1,        // unexpected failure
    usage = 2,      // unknown option, bad value, bad date or zone
    not_found = 3,  // event, agenda item or registration
    conflict = 4,   // duplicate, event full, cancelled event
    bad_input = 5,  // CSV/JSONL/TOML content, with file and line
    storage = 6,    // locked, corrupt, newer schema
    delivery = 7,   // the mail system refused messages or could not be used
};

class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& what, std::string hint = {})
        : std::runtime_error(what), m_code(code), m_hint(std::move(hint)) {}
    ExitCode code() const noexcept { return m_code; }
    const std::string& hint() const noexcept { return m_hint; }

private:
    ExitCode m_code;
    std::string m_hint;
};

struct UsageError : Error {
    explicit UsageError(const std::string& what, std::string hint = {})
        : Error(ExitCode::usage, what, std::move(hint)) {}
};
struct NotFoundError : Error {
    explicit NotFoundError(const std::string& what, std::string hint = {})
        : Error(ExitCode::not_found, what, std::move(hint)) {}
};
struct ConflictError : Error {
    explicit ConflictError(const std::string& what, std::string hint = {})
        : Error(ExitCode::conflict, what, std::move(hint)) {}
};
struct BadInputError : Error {
    explicit BadInputError(const std::string& what, std::string hint = {})
        : Error(ExitCode::bad_input, what, std::move(hint)) {}
};
struct StorageError : Error {
    explicit StorageError(const std::string& what, std::string hint = {})
        : Error(ExitCode::storage, what, std::move(hint)) {}
};
struct DeliveryError : Error {
    explicit DeliveryError(const std::string& what, std::string hint = {})
        : Error(ExitCode::delivery, what, std::move(hint)) {}
};

}  // namespace convene
