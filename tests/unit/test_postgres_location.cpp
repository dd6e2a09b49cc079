// Where a PostgreSQL database is, parsed by convene before libpq sees it: no message may
// quote a password, however malformed the location.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "convene/error.hpp"
#include "store/postgres_location.hpp"

using namespace convene;
using namespace convene::store;

namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

std::string error_of(const std::string& location) {
    try {
        parse_postgres_location(location);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a URL becomes libpq's keywords, decoded", "[postgres]") {
    const auto parsed = parse_postgres_location(
        "postgresql://anna:p%40ss%2Fw@db.example.org:5433,[::1]:5434/con%20vene?sslmode=require"
        "&connect_timeout=3");
    CHECK(parsed.options == Options{{"user", "anna"},
                                    {"password", "p@ss/w"},
                                    {"host", "db.example.org,::1"},
                                    {"port", "5433,5434"},
                                    {"dbname", "con vene"},
                                    {"sslmode", "require"},
                                    {"connect_timeout", "3"}});
    CHECK(parsed.shown ==
          "postgresql://anna:****@db.example.org:5433,[::1]:5434/con%20vene"
          "?sslmode=require&connect_timeout=3");
    CHECK(parsed.value("connect_timeout") == "3");
    CHECK_FALSE(parsed.value("service"));
    const auto socket = parse_postgres_location("postgres:///convene?host=/run/pg&password=s3cret");
    CHECK(socket.options ==
          Options{{"dbname", "convene"}, {"host", "/run/pg"}, {"password", "s3cret"}});
    CHECK(socket.shown == "postgres:///convene?host=/run/pg&password=****");
}

TEST_CASE("a malformed URL is refused without its password", "[postgres]") {
    for (const std::string url : {
             "postgresql://anna:s3cret@[::1/convene",        // unclosed [
             "postgresql://anna:s3cret%00x@host/convene",    // %00
             "postgresql://anna:s3cret%zz@host/convene",     // a bad escape
             "postgresql://anna:s3cret%4@host/convene",      // a short escape
             "postgresql://anna:s3c/ret@host/convene",       // an unencoded /
             "postgresql://anna:s3c?ret@host/convene",       // an unencoded ?
             "postgresql://anna:s3cret@host:port/convene",   // a port that is no number
             "postgresql://anna:s3cret@host/convene?a=b=c",  // a bad parameter
             "postgresql://host/convene?password=s3cret&x",  // a parameter without =
         }) {
        CAPTURE(url);
        const auto error = error_of(url);
        CHECK(error.find("is malformed") != std::string::npos);
        CHECK(error.find("s3c") == std::string::npos);
        CHECK(error.find("ret") == std::string::npos);
    }
    CHECK(error_of("postgresql://anna:s3cret@[::1/convene") ==
          "the PostgreSQL location postgresql://anna:****@[::1/convene is malformed: an IPv6 "
          "address has no closing ']'");
}

TEST_CASE("a keyword/value string is PostgreSQL, shown without its password", "[postgres]") {
    CHECK(is_postgres_location("host=db.example.org dbname=convene password=s3cret"));
    CHECK(is_postgres_location("  dbname = convene"));
    CHECK(is_postgres_location("service=team"));
    CHECK(is_postgres_location("postgresql://host/db"));
    CHECK(is_postgres_location("postgres://host/db"));
    CHECK_FALSE(is_postgres_location("convene.db"));
    CHECK_FALSE(is_postgres_location("colour=red.db"));
    CHECK_FALSE(is_postgres_location("./host=x.db"));
    CHECK_FALSE(is_postgres_location("./postgresql://x"));
    CHECK_FALSE(is_postgres_location(":memory:"));
    const auto parsed =
        parse_postgres_location("host=db.example.org dbname='con vene' password='it\\'s s3cret'");
    CHECK(parsed.options ==
          Options{{"host", "db.example.org"}, {"dbname", "con vene"}, {"password", "it's s3cret"}});
    CHECK(parsed.shown == "host=db.example.org dbname='con vene' password=****");
    const auto error = error_of("host=db password='s3cret");
    CHECK(error.find("no closing quote") != std::string::npos);
    CHECK(error.find("s3cret") == std::string::npos);
    CHECK(error_of("host=db port=x password=s3cret").find("s3cret") == std::string::npos);
}

TEST_CASE("a client library's message is scrubbed of every secret", "[postgres]") {
    const auto parsed = parse_postgres_location("postgresql://anna:s%33cret@host/db");
    CHECK(scrubbed("password \"s3cret\" or s%33cret rejected", parsed.secrets) ==
          "password \"****\" or **** rejected");
}
