#pragma once
// How far a long workflow got (rows imported, messages written), for a person watching. The
// command line shows it on a terminal; tests and pipes pass NoProgress.
#include <cstddef>

namespace convene::app {

class Progress {
public:
    virtual ~Progress() = default;
    // Called once per unit of work with the number done so far; cheap to call often.
    virtual void update(std::size_t done) = 0;
};

class NoProgress final : public Progress {
public:
    void update(std::size_t) override {}
};

}  // namespace convene::app
