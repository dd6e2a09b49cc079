// The PostgreSQL engine's text handling, without a server (the end-to-end tests start one),
// and one hidden case that needs a server (see below).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "convene/store/database.hpp"
#include "store/postgres_connection.hpp"
#include "store/postgres_copy_statement.hpp"
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

TEST_CASE("a row of COPY's text format decodes into its fields") {
    CopyRow row;
    row.parse("1\ta\\tb\\nc\\\\d\\re\t\\N\t\tZo\\303\\251 \\x41\\x4a \\b\\f\\v\\q\n");
    REQUIRE(row.size() == 5);
    CHECK(row.text(0) == "1");
    CHECK(row.text(1) == "a\tb\nc\\d\re");
    CHECK(row.is_null(2));
    CHECK_FALSE(row.is_null(3));  // empty, not NULL
    CHECK(row.text(3).empty());
    CHECK(row.text(4) == "Zoé AJ \b\f\vq");
    // What append_copy_text writes, read back.
    std::string written;
    append_copy_text(written, "tab\there\nline \\N back\\slash \r");
    row.parse(written);
    REQUIRE(row.size() == 1);
    CHECK(row.text(0) == "tab\there\nline \\N back\\slash \r");
    CHECK_THROWS_AS(row.text(1), std::out_of_range);
}

// Needs a server: tests/cli/test_postgres.py (StreamedList) runs it with
// CONVENE_TEST_POSTGRES_URL naming a fresh database; hidden from the ordinary unit run.
TEST_CASE("a statement of prepare_alone holds the connection to its last row", "[.postgres]") {
    const char* url = std::getenv("CONVENE_TEST_POSTGRES_URL");
    REQUIRE(url != nullptr);
    PostgresConnection db(url, std::chrono::seconds{60});
    const auto series =
        "SELECT g, 'a' || chr(9) || 'b' || chr(92), CAST(NULL AS text), '' "
        "FROM generate_series(1, 30000) AS g";
    auto rows = db.prepare_alone(series);
    auto other = db.prepare("SELECT 1");

    SECTION("rows stream whole, typed, NULL apart from empty") {
        std::int64_t n = 0;
        while (rows->step()) {
            ++n;
            REQUIRE(rows->integer(0) == n);
        }
        CHECK(n == 30000);
        REQUIRE(other->step());  // the connection is free again
        CHECK(other->text(0) == "1");
    }
    SECTION("another statement before the last row throws, reset frees the connection") {
        REQUIRE(rows->step());
        CHECK(rows->is_integer(0));
        CHECK_FALSE(rows->is_integer(1));
        CHECK(rows->column_name(0) == "g");
        CHECK(rows->text(1) == "a\tb\\");
        CHECK(rows->is_null(2));
        CHECK_FALSE(rows->is_null(3));
        CHECK_THROWS_AS(other->step(), std::logic_error);
        CHECK_THROWS_AS(db.execute("SELECT 1"), std::logic_error);
        rows->reset();
        REQUIRE(other->step());
        CHECK(other->text(0) == "1");
        other->reset();
        REQUIRE(rows->step());  // and the statement runs again
        CHECK(rows->integer(0) == 1);
        rows->reset();
    }
    SECTION("reset in the middle of a read snapshot leaves the transaction usable") {
        REQUIRE(db.begin_read());
        REQUIRE(rows->step());
        rows->reset();
        REQUIRE(other->step());
        other->reset();
        db.commit();
    }
    SECTION("a server error in the middle of the stream is convene's error") {
        auto failing = db.prepare_alone(
            "SELECT repeat('x', 100), 1 / (30000 - g) FROM generate_series(1, 30000) AS g");
        std::int64_t read = 0;
        CHECK_THROWS_AS(
            [&] {
                while (failing->step()) ++read;
            }(),
            RefusedWrite);   // division_by_zero: class 22, as for any statement
        CHECK(read > 1000);  // it was in the middle
        failing->reset();
        REQUIRE(other->step());
        CHECK(other->text(0) == "1");
    }
}

// The bulk writer's COPY: its answer is left unread while the next rows are prepared.
TEST_CASE("the answer to a COPY is read by whatever talks to the server next", "[.postgres]") {
    const char* url = std::getenv("CONVENE_TEST_POSTGRES_URL");
    REQUIRE(url != nullptr);
    PostgresConnection db(url, std::chrono::seconds{60});
    db.execute("CREATE TEMPORARY TABLE copied (n integer CHECK (n > 0))");
    const auto count = [&] {
        auto query = db.prepare("SELECT count(*) FROM copied");
        REQUIRE(query->step());
        return query->integer(0);
    };
    REQUIRE(db.begin_write(std::chrono::seconds{0}));

    SECTION("the next statement sees the rows") {
        db.copy_in("copied (n)", "1\n2\n");
        db.copy_in("copied (n)", "3\n");  // a second COPY reads the first's answer
        CHECK(count() == 3);
        db.commit();
        CHECK(count() == 3);
    }
    SECTION("a failed COPY is thrown by the next statement") {
        db.copy_in("copied (n)", "1\n-1\n");  // returns before the server refuses -1
        CHECK_THROWS_AS(db.execute("SELECT 1"), RefusedWrite);
        db.rollback();
        CHECK(count() == 0);
    }
    SECTION("a failed COPY is thrown by commit") {
        db.copy_in("copied (n)", "-1\n");
        CHECK_THROWS_AS(db.commit(), RefusedWrite);
        db.rollback();
        CHECK(count() == 0);
    }
    SECTION("rolling back with the answer unread leaves the connection usable") {
        db.copy_in("copied (n)", "-1\n");
        db.rollback();
        CHECK(count() == 0);
        db.copy_in("copied (n)", "5\n");
        CHECK(count() == 1);
    }
}
