#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "convene/domain/email.hpp"

using convene::domain::email_key;
using convene::domain::email_problem;

TEST_CASE("email key folds the case of the whole address", "[email]") {
    CHECK(email_key("Ana.Silva@Example.ORG") == "ana.silva@example.org");
    CHECK(email_key("ana.silva@example.org") == email_key("ANA.SILVA@EXAMPLE.ORG"));
}

TEST_CASE("email key folds Unicode case and composes accents", "[email]") {
    CHECK(email_key("JOSÉ@Example.org") == "josé@example.org");
    // "e" + combining acute (NFD) compares equal to the precomposed "é".
    CHECK(email_key("jose\xCC\x81@example.org") == email_key("JOSÉ@example.org"));
    CHECK(email_key("Strasse@Example.org") == email_key("STRASSE@example.org"));
}

TEST_CASE("plausible email addresses pass", "[email]") {
    for (const char* email : {"a@b.co", "ana.silva+imrf@example.org", "o'brien@mail.example.ie",
                              "josé@exemple.fr", "x_y-z@sub.domain.example"}) {
        INFO(email);
        CHECK_FALSE(email_problem(email));
    }
}

TEST_CASE("implausible email addresses say what is wrong", "[email]") {
    CHECK(*email_problem("") == "the email is empty");
    CHECK(*email_problem("ana.example.org") == "it has no '@'");
    CHECK(*email_problem("ana@@example.org") == "it has more than one '@'");
    CHECK(*email_problem("@example.org") == "nothing before the '@'");
    CHECK(*email_problem("ana@") == "nothing after the '@'");
    CHECK(*email_problem("ana@localhost") == "the domain 'localhost' has no dot");
    CHECK(*email_problem("ana@example..org") == "the domain 'example..org' has an empty label");
    CHECK(*email_problem("ana@-example.org") ==
          "the domain '-example.org' has a label that starts or ends with '-'");
    CHECK(*email_problem("ana silva@example.org") == "it contains a blank or control character");
    CHECK(*email_problem("Ana <ana@example.org>") == "it contains a blank or control character");
    CHECK(*email_problem("a@x.org;b@y.org") == "it contains ';'");
    for (const char c : std::string_view("<>()[],;:\\\"")) {
        CHECK(*email_problem(std::string("ana") + c + "@example.org") ==
              std::string("it contains '") + c + "'");
    }
    CHECK(*email_problem("ana\x7f@example.org") == "it contains a blank or control character");
    CHECK_FALSE(email_problem("ana+t\xc3\xa9st@example.org"));
    CHECK(*email_problem(".ana@example.org") == "the part before the '@' has a misplaced dot");
    CHECK(*email_problem(std::string(65, 'a') + "@example.org") ==
          "the part before the '@' is too long");
}
