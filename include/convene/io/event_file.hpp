#pragma once
// The TOML event file of `create-event --from FILE` (convene-event-file(5)): one event with
// its agenda. Reading it fills the same inputs as the flags (domain::EventInput,
// domain::AgendaItemInput) and rejects what is not a value of the format: a key it does not
// define, a value of the wrong type. The rules come later (domain::apply, through app), and
// EventFile::fail says their problems as FILE:LINE: key: ….
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/agenda_input.hpp"
#include "convene/domain/event_input.hpp"
#include "convene/domain/problem.hpp"

namespace convene::io {

struct EventFile {
    std::string name;                             // how messages call the file
    domain::EventInput event;                     // every event key the file gives
    std::vector<domain::AgendaItemInput> agenda;  // its [[agenda]] tables, in order
    // The line of each key read, named as problems name fields ("agenda[2].start"), and of
    // each table ("agenda[2]", "agenda[2].speakers[1]").
    std::map<std::string, std::size_t, std::less<>> lines;

    // `problem` said of the file, "FILE:LINE: KEY: message", on the line of the key, else of
    // the nearest table that would hold it ("FILE: KEY: message" when none does). A
    // BadInputError, or a NotFoundError for a value that names nothing (a parent).
    [[noreturn]] void fail(const domain::Problem& problem) const;

    // The value, or fail() with its problem.
    template <typename T>
    T value(domain::Checked<T> checked) const {
        if (!checked) fail(checked.problem());
        return *std::move(checked);
    }
};

// Reads `path` ("-" for stdin).
EventFile read_event_file(const std::string& path);

// The same from text already in memory; `name` is how messages call the file.
EventFile parse_event_file(std::string_view text, const std::string& name);

}  // namespace convene::io
