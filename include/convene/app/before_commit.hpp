#pragma once
// What a command prints about its change goes out inside the change's transaction, just
// before the commit: a command whose output cannot be written (standard output closed or full)
// then fails with nothing written, and a script that reruns it does not find half its work.
#include <functional>

namespace convene::app {

// Called with the result about to be committed; an exception from it rolls everything back.
template <typename Result>
using BeforeCommit = std::function<void(const Result&)>;

}  // namespace convene::app
