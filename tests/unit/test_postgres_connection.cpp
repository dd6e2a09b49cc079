// The PostgreSQL engine's text handling, without a server (the end-to-end tests start one).
#include <catch2/catch.hpp>

#include "convene/store/database.hpp"
#include "store/postgres_connection.hpp"
#include "store/postgres_location.hpp"

using namespace convene::store;

TEST_CASE("SQLite's parameters become PostgreSQL's $N, outside quotes and comments") {
    CHECK(numbered_parameters("SELECT ? , ?").sql == "SELECT $1 , $2");
    CHECK(numbered_parameters("SELECT ? , ?").parameters == 2);
    // ?N keeps its number; a bare ? after it takes the next one, as in SQLite.
    const auto numbered = numbered_parameters("WHERE a = ?1 AND (?2 IS NULL OR b = ?2) AND c = ?");
    CHECK(numbered.sql == "WHERE a = $1 AND ($2 IS NULL OR b = $2) AND c = $3");
    CHECK(numbered.parameters == 3);
    CHECK(numbered_parameters("SELECT '?', \"a?\" -- why?\n, ?").sql ==
          "SELECT '?', \"a?\" -- why?\n, $1");
    CHECK(numbered_parameters("SELECT 'it''s ?', ?").sql == "SELECT 'it''s ?', $1");
}

TEST_CASE("a URL in a message never shows its password") {
    CHECK(shown_location("postgresql://anna:s3cret@db.example.org:5432/convene") ==
          "postgresql://anna:****@db.example.org:5432/convene");
    CHECK(shown_location("postgres://anna@db.example.org/convene") ==
          "postgres://anna@db.example.org/convene");
    CHECK(shown_location("postgresql:///convene?host=/run/pg&password=s3cret&port=5") ==
          "postgresql:///convene?host=/run/pg&password=****&port=5");
    CHECK(shown_location("postgresql://anna:p@ss@host/db") == "postgresql://anna:****@host/db");
}

TEST_CASE("only postgresql:// and postgres:// URLs name PostgreSQL") {
    CHECK(is_postgres_url("postgresql://host/db"));
    CHECK(is_postgres_url("postgres://host/db"));
    CHECK_FALSE(is_postgres_url("convene.db"));
    CHECK_FALSE(is_postgres_url("./postgresql://x"));
    CHECK_FALSE(is_postgres_url(":memory:"));
}

TEST_CASE("COPY's text format escapes what would end a field or a row") {
    std::string row;
    append_copy_text(row, "a\tb\nc\\d\re é");
    CHECK(row == "a\\tb\\nc\\\\d\\re é");
}
