#include <cstddef>
#include <cstdint>
#include <map>
#include <random>

#include <catch2/catch.hpp>

#include "convene/app/lines_of_ids.hpp"

using convene::app::LinesOfIds;

TEST_CASE("lines of ids: every id added gives back its line, others none", "[lines_of_ids]") {
    LinesOfIds lines;
    std::map<std::int64_t, std::size_t> expected;
    std::mt19937 random(28);
    std::int64_t id = 1;
    std::size_t line = 2;
    for (int row = 0; row < 5000; ++row) {
        // Mostly the next id on the next line; some rows span lines, some add nothing (a gap
        // in lines), some ids are taken by another writer, a few steps are huge.
        const auto draw = random() % 100;
        if (draw < 30) line += 1 + random() % 3;
        if (draw == 50) line += 1'000'000'000ULL;
        if (draw >= 90) id += 1 + static_cast<std::int64_t>(random() % 5);
        lines.add(id, line);
        expected[id] = line;
        ++id;
        ++line;
    }
    for (const auto& [key, value] : expected) CHECK(lines.line_of(key) == value);
    CHECK_FALSE(lines.line_of(0));
    CHECK_FALSE(lines.line_of(id));
}

TEST_CASE("lines of ids: lines out of order and an id added twice", "[lines_of_ids]") {
    // A platform's rows are placed in the order of their times, not of the file.
    LinesOfIds lines;
    lines.add(10, 7);
    lines.add(11, 3);
    lines.add(12, 4);
    lines.add(13, 9);
    lines.add(11, 12);  // renewed in the same file: the later line is named
    CHECK(lines.line_of(10) == 7U);
    CHECK(lines.line_of(11) == 12U);
    CHECK(lines.line_of(12) == 4U);
    CHECK(lines.line_of(13) == 9U);
    CHECK_FALSE(lines.line_of(14));
}

TEST_CASE("lines of ids: a million rows, one in three on two lines, in under half a megabyte",
          "[lines_of_ids]") {
    // A run per change of step took 24 bytes for every row on two lines: 8 MB here.
    LinesOfIds lines;
    std::size_t line = 2;
    for (std::int64_t id = 1; id <= 1'000'000; ++id) {
        lines.add(id, line);
        line += (id % 3 == 1) ? 2 : 1;
    }
    CHECK(lines.bytes() < 512U * 1024U);
    CHECK(lines.line_of(1) == 2U);
    CHECK(lines.line_of(2) == 4U);
    CHECK(lines.line_of(1'000'000) == 2U + 999'999U + 333'333U);
}
