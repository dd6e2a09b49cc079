#include <catch2/catch.hpp>

#include "convene/text/suggest.hpp"

using namespace convene::text;

TEST_CASE("edit distance counts insertions, deletions, changes and swaps", "[suggest]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("register", "register") == 0);
    CHECK(edit_distance("creat-event", "create-event") == 1);
    CHECK(edit_distance("emial", "email") == 1);  // two neighbours swapped
    CHECK(edit_distance("attendes", "attendees") == 1);
    CHECK(edit_distance("Europe/PARIS", "europe/paris") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("the nearest names come first, far ones not at all", "[suggest]") {
    const std::vector<std::string> commands{"create-event", "update-event", "cancel-event",
                                            "delete-event", "register",     "unregister"};
    CHECK(nearest("creat-event", commands) == std::vector<std::string>{"create-event"});
    CHECK(nearest("regster", commands) == std::vector<std::string>{"register"});
    CHECK(nearest("frobnicate", commands).empty());
    CHECK(nearest("", commands).empty());
    // An exact name is never suggested for itself.
    CHECK(nearest("register", commands) == std::vector<std::string>{"unregister"});
}

TEST_CASE("case and prefixes are offered before edits", "[suggest]") {
    const std::vector<std::string> zones{"Europe/Paris", "Europe/Prague", "America/New_York"};
    CHECK(nearest("europe/paris", zones) == std::vector<std::string>{"Europe/Paris"});
    CHECK(nearest("paris", zones).front() == "Europe/Paris");
    const std::vector<std::string> slugs{"seance-d-information-sur-la-route", "seance-pleniere"};
    CHECK(nearest("seance-d-information", slugs) ==
          std::vector<std::string>{"seance-d-information-sur-la-route"});
}

TEST_CASE("did you mean names one or several", "[suggest]") {
    CHECK(did_you_mean("jsn", {"json", "jsonl", "csv"}) == "did you mean 'json'?");
    CHECK(did_you_mean("tsv", {"tsv1", "tsv2"}) == "did you mean 'tsv1' or 'tsv2'?");
    CHECK(did_you_mean("tabel", {"table", "tsv"}) == "did you mean 'table'?");
    CHECK(did_you_mean("xyz", {"table", "tsv"}).empty());
}
